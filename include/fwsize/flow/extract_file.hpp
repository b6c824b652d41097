// extract_file — one machine's capture file (pcap, pcapng or seed-schema CSV) through the flow
// stage, by the fastest route that gives extract_machine's result:
// - a CSV under the exact rules is cut into line-aligned chunks that are scanned on all cores and
//   merged in file order (extract_csv_chunked: parsing and the flow stage both run in parallel);
// - anything that route does not model — the seed rules, a row not in the plain form, a clock
//   jump, two local addresses talking to each other — goes to extract_machine, which gives the
//   same result or the error with its line.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fwsize/detail/parallel_for_ordered.hpp>
#include <fwsize/flow/detail/csv_chunk_merge.hpp>
#include <fwsize/flow/detail/csv_chunk_scan.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_reader.hpp>

namespace fwsize::flow {
inline namespace v0 {

namespace detail {
/// Offsets that cut text[begin, size) into line-aligned pieces of about `chunk_bytes` each: the
/// first is `begin`, the last text.size(); each other one follows a '\n'.
inline std::vector<std::size_t> csv_chunk_bounds(std::string_view text, std::size_t begin, std::size_t chunk_bytes) {
    std::vector<std::size_t> at{begin};
    const std::size_t step = std::max<std::size_t>(chunk_bytes, 1);
    for (std::size_t p = begin + step; p < text.size();) {
        const void* nl = std::memchr(text.data() + p, '\n', text.size() - p);
        if (!nl) break;
        const auto next = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
        if (next >= text.size()) break;
        at.push_back(next);
        p = next + step;
    }
    at.push_back(text.size());
    return at;
}
} // namespace detail

/// The exact rules over a seed-schema CSV, chunked and parallel; nothing when the file needs the
/// sequential stage (see above). Throws input_error for what the reader rejects at its header.
inline std::optional<machine_extraction> extract_csv_chunked(const std::filesystem::path& path,
                                                             const extract_options& opt = {}) {
    if (opt.rules != rule_set::exact) return std::nullopt;
    io::csv_reader reader(path);
    const std::string_view text = reader.text();
    if (reader.position() >= text.size()) return std::nullopt;
    // A last row without a line break is scanned from a copy that has one, as one more chunk.
    const std::size_t body_end = text.back() == '\n' ? text.size() : text.rfind('\n') + 1;
    const std::string last_row = body_end < text.size() ? std::string(text.substr(body_end)) + '\n' : "";
    const auto bounds = body_end > reader.position()
                            ? detail::csv_chunk_bounds(text.substr(0, body_end), reader.position(), opt.chunk_bytes)
                            : std::vector<std::size_t>{reader.position()};
    const std::size_t n = bounds.size() - 1 + (last_row.empty() ? 0 : 1);

    // A scan lives from its chunk's start to its merge (~100 kB of caches each, plus its flows):
    // only chunks being scanned or waiting for an earlier one hold one, however long the file.
    std::vector<std::unique_ptr<detail::chunk_scan>> scans(n);
    // Chunks are merged in file order as soon as they and all before them are scanned, so that
    // the merge overlaps the scanning of later chunks.
    std::atomic<bool> give_up{false}; // a chunk needs the sequential stage: the others can stop
    detail::chunk_merge merge;
    fwsize::detail::parallel_for_ordered(
        n, opt.threads,
        [&](std::size_t k) {
            if (give_up) return;
            scans[k] = std::make_unique<detail::chunk_scan>(opt.scope);
            if (k + 1 == bounds.size()) { // the last row, copied
                const char* end = last_row.data() + last_row.size();
                if (!scans[k]->scan(last_row.data(), end, end, reader.fast_layout())) give_up = true;
                return;
            }
            if (!scans[k]->scan(text.data() + bounds[k], text.data() + bounds[k + 1], text.data() + text.size(),
                                reader.fast_layout()))
                give_up = true;
            reader.release_text(bounds[k], bounds[k + 1]);
        },
        [&](std::size_t k) {
            if (!give_up && !merge.add(*scans[k])) give_up = true;
            scans[k].reset(); // its flows are in the merge now
        });
    if (give_up) return std::nullopt;

    machine_extraction out;
    out.machine_id = path.stem().string();
    out.rules = opt.rules;
    out.reads = 1;
    out.report = reader.report();
    // The scans hold no pointer into the text now: unmapping what release_text left overlaps finishing.
    std::jthread unmap([mapped = std::move(reader)] {});
    return merge.finish(std::move(out), opt.min_share,
                        [&](const local_address_vote& v) { return detail::decide_local(v, opt); });
}

/// One machine's capture file through the flow stage; machine_id = file name without extension.
inline machine_extraction extract_file(const std::filesystem::path& path, const extract_options& opt = {}) {
    if (io::detect_capture_format(path) == io::capture_format::csv)
        if (auto m = extract_csv_chunked(path, opt)) return std::move(*m);
    return extract_machine([&] { return io::open_capture(path); }, path.stem().string(), opt);
}

} // namespace v0
} // namespace fwsize::flow
