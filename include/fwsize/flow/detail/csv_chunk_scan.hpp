// csv_chunk_scan — one line-aligned chunk of a seed-schema CSV through the whole flow stage, with
// no knowledge of the other chunks or of the local addresses: every row is parsed (plain form
// only), its addresses interned, the local-address vote's counters kept, and flows built under a
// direction-free key. What a chunk cannot know — the stream rows just before it, which addresses
// are local — is left as explicit state for csv_chunk_merge.hpp to resolve in file order.
//
// The flow rules are flow_builder's and local_address_vote's (exact rules, CSV: no TCP flags),
// restated over interned ids; tests/runtime/flow/extract_file_test.cpp holds the two to
// the same output on every chunking.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <fwsize/detail/flat_hash_map.hpp>
#include <fwsize/flow/detail/address_interner.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/detail/csv_row_walk.hpp>
#include <fwsize/io/detail/csv_standard_row.hpp>

namespace fwsize::flow {
inline namespace v0 {
namespace detail {

/// A direction-free connection key over interned ids: end a is the lower (id, port).
struct chunk_key {
    std::uint64_t ids = 0;   ///< a << 32 | b
    std::uint64_t ports = 0; ///< a_port << 32 | b_port << 16 | tcp
    friend constexpr bool operator==(const chunk_key&, const chunk_key&) = default;

    [[nodiscard]] constexpr std::uint32_t a() const { return static_cast<std::uint32_t>(ids >> 32); }
    [[nodiscard]] constexpr std::uint32_t b() const { return static_cast<std::uint32_t>(ids); }
    [[nodiscard]] constexpr std::uint16_t a_port() const { return static_cast<std::uint16_t>(ports >> 32); }
    [[nodiscard]] constexpr std::uint16_t b_port() const { return static_cast<std::uint16_t>(ports >> 16); }
    [[nodiscard]] constexpr bool tcp() const { return (ports & 1) != 0; }

    /// The key of a packet from (s, sp) to (d, dp); `ab` tells whether it goes from end a to end b.
    static constexpr chunk_key of(std::uint32_t s, std::uint16_t sp, std::uint32_t d, std::uint16_t dp, bool tcp,
                                  bool& ab) {
        ab = s < d || (s == d && sp <= dp);
        const std::uint64_t x = ab ? s : d, y = ab ? d : s, xp = ab ? sp : dp, yp = ab ? dp : sp;
        return {x << 32 | y, xp << 32 | yp << 16 | std::uint64_t{tcp}};
    }
};

struct chunk_key_hash {
    std::size_t operator()(const chunk_key& k) const noexcept {
        const std::uint64_t h = (k.ids ^ (k.ports * 0xBF58476D1CE4E5B9ULL)) * 0x94D049BB133111EBULL;
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

/// A flow as one chunk saw it, oriented a -> b ("ab") and b -> a ("ba").
struct chunk_flow {
    chunk_key key;
    std::int64_t start_ns = -1, first_ab = -1, last_ab = -1, first_ba = -1, last_ba = -1;
    std::int64_t fin_rst_ns = -1, prev_ns = -1;
    std::uint64_t packets_ab = 0, packets_ba = 0;
    std::uint32_t rows = 0; ///< TCP rows
    end_reason reason = end_reason::capture_end;
    bool first_ab_dir = false;  ///< TCP: the first row went a -> b
    bool first_was_syn = false; ///< TCP, rows >= 2: the second row showed completeness bit 1
    /// The chunk's first row of its key and not a stream start: it may continue a flow of an
    /// earlier chunk (the merge decides).
    bool continuation = false;
    std::uint8_t first_completeness = 0; ///< TCP: of the first row (decides when it continues a one-row flow)
};

/// Per key: the flow rows go to now, and the vote's stream head (local_address_vote's `streams_`).
struct chunk_entry {
    chunk_key key;
    std::int64_t flow = -1;               ///< index into chunk_scan::flows; -1 before the key's first in-scope row
    std::uint32_t opener = 0;             ///< source of the chunk's last stream-start row of the key
    std::uint8_t head_rows = 0;           ///< rows since that start, capped at 2; 0: no start in this chunk
    std::uint8_t prefix_rows = 0;         ///< TCP rows before the chunk's first start of the key, capped at 2
    std::uint8_t prefix_completeness = 0; ///< the first of them
};

struct chunk_address_counts {
    std::uint64_t sent = 0, seed_votes = 0, open_votes = 0;
    bool seen_as_dst = false;
};

class chunk_scan {
public:
    explicit chunk_scan(const scope_rules& rules) : ids_(rules) {}

    /// Scans the rows in [p, end) (end just after a '\n'). False when a row is not in the plain
    /// form or the clock jumps inside the chunk: the caller then falls back to the sequential reader,
    /// which reports the problem with its line.
    /// `limit` is the end of the whole text (reads may run up to 16 bytes past `end` inside it).
    bool scan(const char* p, const char* end, const char* limit, const io::detail::csv_fast_layout& layout) {
        standard_ = is_standard(layout);
        // Rows that start before safe_end_ end 16 bytes or more before the end of the text.
        safe_end_ = p;
        for (auto back = limit - p - 17; back >= 0; --back)
            if (p[back] == '\n') {
                safe_end_ = p + back + 1;
                break;
            }
        running run; // locals, kept in registers: members were stored and reloaded on every row
        row r;
        while (p < end) {
            p = parse(p, end, layout, r);
            if (!p || !add(r, run)) {
                ok_ = false;
                break;
            }
        }
        rows_ = run.rows;
        first_ts_ = run.first;
        min_ts_ = run.min;
        max_ts_ = run.max;
        protocols_.tcp_packets = run.tcp;
        protocols_.udp_packets = run.rows - run.tcp;
        return ok_;
    }

    // What the merge reads.
    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const address_interner& ids() const { return ids_; }
    [[nodiscard]] const std::vector<chunk_address_counts>& counts() const { return counts_; }
    [[nodiscard]] const std::vector<chunk_entry>& entries() const { return entries_; }
    [[nodiscard]] std::vector<chunk_flow>& flows() { return flows_; }
    [[nodiscard]] std::uint64_t rows() const { return rows_; }
    [[nodiscard]] const scope_counts& scope() const { return scope_; }
    [[nodiscard]] const protocol_presence& protocols() const { return protocols_; }
    [[nodiscard]] std::int64_t first_ns() const { return first_ts_; }
    [[nodiscard]] std::int64_t min_ns() const { return min_ts_; }
    [[nodiscard]] std::int64_t max_ns() const { return max_ts_; }

private:
    /// What a row's addresses, ports and protocol give the scan, once resolved.
    struct connection {
        std::uint32_t src = 0, dst = 0; ///< interned ids
        std::uint32_t entry = 0;        ///< index into entries_
        std::uint16_t sp = 0, dp = 0;
        bool ab = false; ///< the row goes from the key's end a to its end b
        scope_category scope = scope_category::in_scope;
        char version = 0; ///< '4' / '6'
    };
    /// The text of a row's connection fields ("src,dst,sport,dport,", one run of bytes in the
    /// standard column order) and protocol, with what they resolved to. A connection's rows
    /// repeat the same two texts (one per direction), so one comparison answers most rows instead
    /// of two address lookups, two port parses, a key and a hash-map probe.
    struct connection_slot {
        const char* text = nullptr; ///< the latest copy in the chunk: likely still in cache
        std::uint32_t length = 0;   ///< 0: empty
        char proto = 0;
        connection c;
    };
    static constexpr std::size_t connection_slot_bits = 11;

    /// The rows' count and clock so far.
    struct running {
        std::uint64_t rows = 0, tcp = 0;
        std::int64_t first = -1, min = -1, max = -1;
    };

    struct row {
        std::int64_t ts = 0;
        connection c;
        bool tcp = false, rel_zero = false;
        std::uint8_t completeness = 0;
    };

    /// One row: the straight-line parser for the standard column order where it answers, else
    /// the column walk (io/detail/csv_row_walk.hpp); nullptr where the reader would take its
    /// general path.
    FWSIZE_SWAR_INLINE const char* parse(const char* p, const char* end, const io::detail::csv_fast_layout& layout,
                                         row& r) {
        // f_ is not reset per row: csv_standard_row sets every field read below (zeroing 88 bytes
        // per row was a rep stos, ~5 % of the scan); the walk gets a fresh one.
        io::detail::csv_row_fields& f = f_;
        const char* next = nullptr;
        if (standard_ && p < safe_end_) next = io::detail::csv_standard_row(p, f);
        if (!next) {
            const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            if (!nl || *p == '\n' || *p == '\r') return nullptr;
            f = {};
            next = io::detail::csv_row_walk(p, nl, layout, f);
            if (!next) return nullptr;
        }
        if (!f.proto) return nullptr;
        if (f.ports_end) {
            const auto n = static_cast<std::uint32_t>(f.ports_end - f.src);
            connection_slot& s = connections_[connection_slot_of(f, n)];
            if (s.length == n && s.proto == f.proto && io::detail::swar::same_bytes(s.text, f.src, n)) {
                s.text = f.src;
                r.c = s.c;
            } else {
                if (!resolve(f, r.c)) return nullptr;
                s = {f.src, n, f.proto, r.c};
            }
        } else if (!resolve(f, r.c)) {
            return nullptr;
        }
        if (layout.has_version && f.version != r.c.version) return nullptr;
        r.ts = f.timestamp_ns;
        r.tcp = f.proto == 't';
        if (r.tcp) {
            if (!f.rel_ok || !f.completeness_ok || f.completeness > 63) return nullptr;
            r.completeness = static_cast<std::uint8_t>(f.completeness);
            r.rel_zero = f.rel_zero;
        }
        return next;
    }

    static std::size_t connection_slot_of(const io::detail::csv_row_fields& f, std::uint32_t n) {
        // The ends of the two addresses (hosts) and of the ports vary most.
        namespace s = io::detail::swar;
        const std::uint64_t h = ((s::load8(f.src_end - 8) * 0x9E3779B97F4A7C15ULL) ^ s::load8(f.dst_end - 8) ^
                                 (s::load8(f.ports_end - 8) * 0xBF58476D1CE4E5B9ULL) ^ n) *
                                0x94D049BB133111EBULL;
        return static_cast<std::size_t>(h >> (64 - connection_slot_bits));
    }

    /// The connection of a row not in the cache: its addresses interned (source first, then
    /// destination: the vote's order of first appearance), its key's entry found or made. False
    /// where the reader would take its general path.
    bool resolve(io::detail::csv_row_fields& f, connection& c) {
        if (f.ports_end) io::detail::csv_standard_ports(f);
        if (f.src_port > 65535 || f.dst_port > 65535) return false;
        c.src = ids_.intern(f.src, static_cast<std::size_t>(f.src_end - f.src));
        if (c.src == address_interner::none) return false;
        c.dst = ids_.intern(f.dst, static_cast<std::size_t>(f.dst_end - f.dst));
        if (c.dst == address_interner::none) return false;
        c.version = ids_.version(c.src);
        if (ids_.version(c.dst) != c.version) return false;
        if (counts_.size() < ids_.addresses().size()) counts_.resize(ids_.addresses().size());
        c.sp = static_cast<std::uint16_t>(f.src_port);
        c.dp = static_cast<std::uint16_t>(f.dst_port);
        c.scope = scope_from_bits(ids_.bits(c.src), ids_.bits(c.dst));
        const chunk_key k = chunk_key::of(c.src, c.sp, c.dst, c.dp, f.proto == 't', c.ab);
        const auto [at, fresh] = index_.try_emplace(k, entries_.size());
        if (fresh) entries_.push_back({k});
        c.entry = static_cast<std::uint32_t>(*at);
        return true;
    }

    FWSIZE_SWAR_INLINE bool add(const row& r, running& run) {
        // Clock: the reader's rule within the chunk; the merge checks the chunk against earlier ones.
        if (run.rows == 0) {
            run.first = run.min = run.max = r.ts;
        } else {
            if (r.ts < run.max - io::max_clock_backstep.count() || r.ts > run.max + io::max_clock_gap.count())
                return false;
            if (r.ts > run.max) run.max = r.ts;
            if (r.ts < run.min) run.min = r.ts;
        }
        ++run.rows;
        run.tcp += r.tcp;
        const connection& c = r.c;
        counts_[c.src].sent++;
        counts_[c.dst].seen_as_dst = true;
        scope_.add(c.scope);

        chunk_entry& e = entries_[c.entry];
        if (r.tcp) {
            if (r.completeness == 0) ++counts_[c.src].seed_votes;
            if (r.rel_zero) {
                e.opener = c.src;
                e.head_rows = 1;
            } else if (e.head_rows == 1) {
                e.head_rows = 2;
                if (r.completeness & io::completeness::syn) ++counts_[e.opener].open_votes;
            } else if (e.head_rows == 0 && e.prefix_rows < 2) {
                if (e.prefix_rows++ == 0) e.prefix_completeness = r.completeness;
            }
        }
        if (c.scope != scope_category::in_scope) return true;

        if (e.flow < 0 || (r.tcp && r.rel_zero)) {
            const bool first_of_key = e.flow < 0;
            e.flow = static_cast<std::int64_t>(flows_.size());
            chunk_flow& f = flows_.emplace_back();
            f.key = e.key;
            f.start_ns = r.ts;
            f.continuation = first_of_key && !(r.tcp && r.rel_zero);
            if (r.tcp) {
                f.rows = 1;
                f.first_ab_dir = c.ab;
                f.first_completeness = r.completeness;
            }
        } else if (r.tcp) {
            chunk_flow& f = flows_[static_cast<std::size_t>(e.flow)];
            ++f.rows;
            const int cc = r.completeness;
            if (f.rows == 2) f.first_was_syn = (cc & io::completeness::syn) != 0;
            if (f.fin_rst_ns < 0 && csv_shows_end(cc)) {
                f.fin_rst_ns = f.prev_ns;
                f.reason = csv_end_reason(cc);
            }
        }
        chunk_flow& f = flows_[static_cast<std::size_t>(e.flow)];
        if (c.ab) {
            if (f.first_ab < 0) f.first_ab = r.ts;
            f.last_ab = r.ts;
            ++f.packets_ab;
        } else {
            if (f.first_ba < 0) f.first_ba = r.ts;
            f.last_ba = r.ts;
            ++f.packets_ba;
        }
        f.prev_ns = r.ts;
        return true;
    }

    static bool is_standard(const io::detail::csv_fast_layout& layout) {
        if (layout.role.size() != io::detail::csv_column_count) return false;
        for (std::size_t i = 0; i < layout.role.size(); ++i)
            if (layout.role[i] != i) return false;
        return true;
    }

    io::detail::csv_row_fields f_;
    bool ok_ = true, standard_ = false;
    const char* safe_end_ = nullptr;
    address_interner ids_;
    std::vector<chunk_address_counts> counts_;
    fwsize::detail::flat_hash_map<chunk_key, std::size_t, chunk_key_hash> index_;
    std::vector<chunk_entry> entries_;
    std::array<connection_slot, std::size_t{1} << connection_slot_bits> connections_{};
    std::vector<chunk_flow> flows_;
    std::uint64_t rows_ = 0;
    std::int64_t first_ts_ = -1, min_ts_ = -1, max_ts_ = -1;
    scope_counts scope_;
    protocol_presence protocols_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::flow
