// read_ahead — runs any packet_source on a helper thread, a few thousand records ahead of the
// consumer, so that parsing and the flow stage use two cores. Records arrive in the source's
// order; an input_error the source raises reaches the consumer after the records before it, as
// if it had read the source itself. Memory is bounded: `depth` batches of `batch` records.
//
//   auto src = io::open_capture(path);
//   io::read_ahead ahead(src);
//   for (const auto& r : io::records(ahead)) ...
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/packet_source.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::io {
inline namespace v0 {

template <packet_source Source>
class read_ahead {
public:
    /// Reads `src` (which must outlive this object and not be touched meanwhile) on a helper
    /// thread; without a thread to be had, reads it on the caller's thread instead.
    explicit read_ahead(Source& src, std::size_t batch = 2048, std::size_t depth = 3)
        : src_(&src), batch_(batch), report_(src.report()) {
        for (std::size_t i = 0; i < depth; ++i) free_.emplace_back().records.reserve(batch_);
        try {
            worker_ = std::thread([this] { produce(); });
        } catch (const std::system_error&) {
            inline_ = true;
        }
    }
    read_ahead(const read_ahead&) = delete;
    read_ahead& operator=(const read_ahead&) = delete;
    ~read_ahead() {
        {
            std::lock_guard lock(m_);
            stop_ = true;
        }
        cv_.notify_all();
        if (worker_.joinable()) worker_.join();
    }

    /// The next record in the source's order; false at its end. Rethrows the source's error.
    bool next(packet_record& r) {
        while (at_ == current_.records.size()) {
            if (current_.error) std::rethrow_exception(std::exchange(current_.error, nullptr));
            if (current_.last) return false;
            if (!refill()) return false;
        }
        r = current_.records[at_++];
        return true;
    }

    /// The source's report as of the records handed out so far (batch by batch); final at the end.
    [[nodiscard]] const read_report& report() const { return report_; }

private:
    struct batch {
        std::vector<packet_record> records;
        read_report report;
        std::exception_ptr error;
        bool last = false;
    };

    void fill(batch& b) {
        b.records.clear();
        b.error = nullptr;
        b.last = false;
        try {
            while (b.records.size() < batch_) {
                if (!src_->next(b.records.emplace_back())) { // read in place: no copy per record
                    b.records.pop_back();
                    b.last = true;
                    break;
                }
            }
        } catch (...) {
            b.records.pop_back();
            b.error = std::current_exception();
            b.last = true;
        }
        b.report = src_->report();
    }

    void produce() {
        for (;;) {
            batch b;
            {
                std::unique_lock lock(m_);
                cv_.wait(lock, [&] { return stop_ || !free_.empty(); });
                if (stop_) return;
                b = std::move(free_.front());
                free_.pop_front();
            }
            fill(b);
            const bool last = b.last;
            {
                std::lock_guard lock(m_);
                full_.push_back(std::move(b));
            }
            cv_.notify_all();
            if (last) return;
        }
    }

    bool refill() {
        if (inline_) {
            fill(current_);
        } else {
            std::unique_lock lock(m_);
            free_.push_back(std::move(current_));
            cv_.notify_all();
            cv_.wait(lock, [&] { return !full_.empty(); });
            current_ = std::move(full_.front());
            full_.pop_front();
        }
        at_ = 0;
        report_ = current_.report;
        return true;
    }

    Source* src_;
    std::size_t batch_;
    read_report report_;
    batch current_;
    std::size_t at_ = 0;
    bool inline_ = false;
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<batch> free_, full_;
    bool stop_ = false;
    std::thread worker_;
};

} // namespace v0
} // namespace fwsize::io
