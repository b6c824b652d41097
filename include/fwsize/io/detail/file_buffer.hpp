// file_buffer — sequential, buffered reading of a capture of any size; memory never grows with the
// file (a few fixed chunks, plus one record's size when a record is larger than a chunk).
//
// A regular file larger than two chunks is read ahead by a helper thread into a ring of chunks
// while the parser works on the previous one: the copy out of the page cache (what `cat` spends
// its time on) then overlaps the parsing, instead of adding to it (benchmarks/results-read.md).
// Each chunk has free room in front of its data, so the unread tail of one chunk (a record cut by
// the chunk boundary) is moved in front of the next chunk's data and parsing goes on in place.
// Pipes, devices and small files are read on the calling thread with the same chunks.
#pragma once

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

class file_buffer {
public:
    /// Bytes of one chunk; a record up to this size never needs the overflow buffer.
    static constexpr std::size_t default_buffer = std::size_t{1} << 18;

    explicit file_buffer(const std::filesystem::path& path, std::size_t buffer_bytes = default_buffer)
        : chunk_bytes_(std::max<std::size_t>(buffer_bytes, 4096)), slack_(chunk_bytes_) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0)
            throw std::filesystem::filesystem_error("cannot open capture", path,
                                                    std::error_code(errno, std::generic_category()));
#ifdef POSIX_FADV_SEQUENTIAL
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
        struct stat st {};
        const bool ahead =
            ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > 2 * chunk_bytes_;
        // Two slots at least: the tail of one chunk is copied in front of the next one.
        slots_.resize(ahead ? ring : 2);
        for (auto& s : slots_) s.bytes = std::make_unique_for_overwrite<std::uint8_t[]>(slack_ + chunk_bytes_);
        if (ahead) {
            try {
                reader_ = std::thread([this] { read_ahead(); });
            } catch (const std::system_error&) {
                // No thread to be had: read on this one.
            }
        }
    }
    file_buffer(const file_buffer&) = delete;
    file_buffer& operator=(const file_buffer&) = delete;
    ~file_buffer() {
        if (reader_.joinable()) {
            {
                const std::lock_guard<std::mutex> lock(m_);
                stop_ = true;
            }
            to_reader_.notify_one();
            reader_.join();
        }
        if (fd_ >= 0) ::close(fd_);
    }

    /// Makes n bytes available at data(); returns how many are (fewer only at end of file).
    /// Pointers from data() are invalid after the next fill.
    std::size_t fill(std::size_t n) {
        if (end_ - begin_ >= n) return n;
        return refill(n);
    }
    [[nodiscard]] const std::uint8_t* data() const {
        return cur_ + begin_;
    }
    /// Consumes n bytes (n <= what fill returned).
    void advance(std::size_t n) {
        begin_ += n;
        offset_ += n;
    }
    /// Skips n bytes that need not be looked at (may run past the end: returns false then).
    bool skip(std::uint64_t n) {
        while (n > 0) {
            const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(n, chunk_bytes_));
            const std::size_t got = fill(chunk);
            advance(got);
            n -= got;
            if (got < chunk) return false;
        }
        return true;
    }
    /// Byte offset of data() in the file.
    [[nodiscard]] std::uint64_t offset() const {
        return offset_;
    }
    /// Frees an overflow buffer grown for one huge record once it is no longer in use.
    void shrink(std::size_t = default_buffer) {
        if (!in_overflow_ && overflow_.capacity() > 4 * chunk_bytes_) {
            overflow_.clear();
            overflow_.shrink_to_fit();
        }
    }

private:
    static constexpr std::size_t ring = 4;
    struct slot {
        std::unique_ptr<std::uint8_t[]> bytes; ///< slack_ bytes of room, then up to chunk_bytes_ of data
        std::size_t len = 0;                   ///< data bytes read into it
        bool full = false;                     ///< read, not yet handed back
        bool last = false;                     ///< end of file (or an error) after these bytes
        int error = 0;                         ///< errno of a failed read
    };

    /// Reads one chunk into s (loops over short reads); called by the helper thread or inline.
    void read_chunk(slot& s) {
        s.len = 0;
        std::uint8_t* to = s.bytes.get() + slack_;
        while (s.len < chunk_bytes_) {
            const ssize_t got = ::read(fd_, to + s.len, chunk_bytes_ - s.len);
            if (got < 0) {
                if (errno == EINTR) continue;
                s.error = errno;
                s.last = true;
                return;
            }
            if (got == 0) {
                s.last = true;
                return;
            }
            s.len += static_cast<std::size_t>(got);
        }
    }

    void read_ahead() {
        for (std::size_t i = 0;; i = (i + 1) % ring) {
            slot& s = slots_[i];
            {
                std::unique_lock<std::mutex> lock(m_);
                to_reader_.wait(lock, [&] { return stop_ || !s.full; });
                if (stop_) return;
            }
            read_chunk(s); // the slot is the reader's alone while it is not full
            bool last;
            {
                const std::lock_guard<std::mutex> lock(m_);
                s.full = true;
                last = s.last;
            }
            to_parser_.notify_one();
            if (last) return;
        }
    }

    /// The next chunk in file order, or nullptr after the last one.
    slot* next_slot() {
        if (eof_) return nullptr;
        slot& s = slots_[next_];
        next_ = (next_ + 1) % slots_.size();
        if (reader_.joinable()) {
            std::unique_lock<std::mutex> lock(m_);
            to_parser_.wait(lock, [&] { return s.full; });
        } else {
            read_chunk(s);
            s.full = true;
        }
        if (s.error != 0) throw std::system_error(s.error, std::generic_category(), "reading capture");
        eof_ = s.last;
        return &s;
    }
    void release(slot* s) {
        if (s == nullptr) return;
        if (reader_.joinable()) {
            {
                const std::lock_guard<std::mutex> lock(m_);
                s->full = false;
            }
            to_reader_.notify_one();
        } else {
            s->full = false;
        }
    }

    std::size_t refill(std::size_t n) {
        std::size_t tail = end_ - begin_;
        const std::uint8_t* from = cur_ + begin_;
        if (n <= slack_ + chunk_bytes_ && tail <= slack_) {
            // Usual case: the tail goes in front of the next chunk's data.
            slot* s = next_slot();
            if (s == nullptr) return tail;
            std::uint8_t* d = s->bytes.get() + slack_;
            if (tail > 0) std::memcpy(d - tail, from, tail);
            release(held_);
            held_ = s;
            in_overflow_ = false;
            cur_ = d - tail;
            begin_ = 0;
            end_ = tail + s->len;
            if (end_ >= n || eof_) return std::min(n, end_);
            from = cur_;
            tail = end_;
        }
        // A record larger than a chunk, or a tail too long for the room: gather into overflow_.
        if (in_overflow_) {
            overflow_.erase(overflow_.begin(), overflow_.begin() + static_cast<std::ptrdiff_t>(begin_));
        } else {
            overflow_.assign(from, from + tail);
        }
        release(held_);
        held_ = nullptr;
        while (overflow_.size() < n) {
            slot* s = next_slot();
            if (s == nullptr) break;
            const std::uint8_t* d = s->bytes.get() + slack_;
            overflow_.insert(overflow_.end(), d, d + s->len);
            release(s);
        }
        in_overflow_ = true;
        cur_ = overflow_.data();
        begin_ = 0;
        end_ = overflow_.size();
        return std::min(n, end_);
    }

    std::size_t chunk_bytes_, slack_;
    std::vector<slot> slots_;
    std::vector<std::uint8_t> overflow_;
    slot* held_ = nullptr; ///< the chunk cur_ points into (not handed back yet)
    const std::uint8_t* cur_ = nullptr;
    std::size_t begin_ = 0, end_ = 0, next_ = 0;
    std::uint64_t offset_ = 0;
    int fd_ = -1;
    bool eof_ = false, in_overflow_ = false;
    std::mutex m_;
    std::condition_variable to_reader_, to_parser_;
    bool stop_ = false;
    std::thread reader_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
