// records — any packet_source as a range-v3 input range of packet records, so the flow stage can
// compose views over it: `io::records(src) | views::filter(...)`. Single pass: the range reads the
// source as it is iterated; the source must outlive the range.
#pragma once

#include <fwsize/detail/ranges.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/packet_source.hpp>

namespace fwsize::io {
inline namespace v0 {

template <packet_source Source>
class records_view : public ::ranges::view_facade<records_view<Source>, ::ranges::unknown> {
    friend ::ranges::range_access;

    Source* src_ = nullptr;
    packet_record current_{};
    bool done_ = true;

    struct cursor {
        records_view* v = nullptr;
        [[nodiscard]] const packet_record& read() const { return v->current_; }
        void next() { v->done_ = !v->src_->next(v->current_); }
        [[nodiscard]] bool equal(::ranges::default_sentinel_t) const { return v->done_; }
    };
    cursor begin_cursor() {
        done_ = !src_->next(current_);
        return cursor{this};
    }

public:
    records_view() = default;
    explicit records_view(Source& s) : src_(&s) {}
};

/// A single-pass view of the records `source` yields (begin() pulls the first one).
template <packet_source Source>
records_view<Source> records(Source& source) {
    return records_view<Source>(source);
}

} // namespace v0
} // namespace fwsize::io
