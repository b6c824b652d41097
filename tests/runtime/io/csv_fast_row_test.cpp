// The CSV reader's fast path against its general path, the oracle: on generated rows in every
// form the schema allows and on thousands of single-character mutations of them, both paths give
// the same records, the same report and the same error (line and message).
#include <fwsize/input_error.hpp>
#include <fwsize/io/csv_reader.hpp>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "../../catch.hpp"
#include "../../support/test_files.hpp"

using fwsize::io::csv_reader;
using fwsize::io::csv_row_parser;
using fwsize::io::packet_record;

namespace {

struct outcome {
    std::vector<packet_record> records;
    std::uint64_t units = 0, skipped = 0;
    std::string error; ///< input_error::what(), or empty
};

outcome read(const std::filesystem::path& p, csv_row_parser parser) {
    outcome o;
    try {
        csv_reader r(p, parser);
        packet_record rec;
        while (r.next(rec)) o.records.push_back(rec);
        o.units = r.report().units_read;
        o.skipped = r.report().skipped_total();
    } catch (const fwsize::input_error& e) {
        o.error = e.what();
    }
    return o;
}

bool same(const packet_record& a, const packet_record& b) {
    return a.id == b.id && a.timestamp_ns == b.timestamp_ns && a.src == b.src && a.dst == b.dst &&
           a.src_port == b.src_port && a.dst_port == b.dst_port && a.proto == b.proto &&
           a.tcp_completeness == b.tcp_completeness && a.tcp_time_relative_ns == b.tcp_time_relative_ns &&
           !a.tcp_flags && !b.tcp_flags && !a.src_mac && !b.src_mac;
}

/// One schema column's text in a random but (mostly) valid form.
struct row_maker {
    std::mt19937_64 rng;
    std::uint64_t id = 0;
    std::int64_t ms = 1748852897850;

    std::string pick(std::initializer_list<const char*> v) { return *(v.begin() + rng() % v.size()); }

    std::vector<std::pair<std::string, std::string>> row() { // (column name, text)
        const bool tcp = rng() % 4 != 0, v6 = rng() % 2 == 0;
        ms += static_cast<std::int64_t>(rng() % 5000);
        std::string ts = std::to_string(ms) + pick({".626", ".3", "", ".123456789", ".000"});
        std::string a = v6 ? pick({"2401:4900:91e0:26f8:48ad:fe70:58ef:8f6f", "2600:140f:d000::17c9:378a", "::1",
                                   "FE80::1", "0fe0:0:0:0:0:0:0:1", "::ffff:10.0.0.1", "1::"})
                           : pick({"192.168.248.12", "10.0.2.16", "0.0.0.0", "255.255.255.255", "8.8.8.8"});
        std::string b = v6 ? pick({"2600:140f:d000::17c9:378a", "ff02::fb", "2001:db8::"})
                           : pick({"208.85.42.28", "224.0.0.251", "192.168.2.76"});
        std::string proto = tcp ? pick({"tcp", "tcp", "TCP"}) : pick({"udp", "udp", "UDP"});
        std::string rel = tcp ? pick({"0.000000000", "0.023800000", "12.5", "3"}) : pick({"", "", "x", "0.1"});
        std::string comp = tcp ? pick({"0", "1", "15", "31", "63", "07"}) : pick({"", "", "5", "junk"});
        return {{"id", std::to_string(++id)},
                {"timestamp", ts},
                {"protocol", proto},
                {"ip_version", v6 ? "6" : "4"},
                {"src_ip", a},
                {"dst_ip", b},
                {"src_port", std::to_string(rng() % 65536)},
                {"dst_port", pick({"443", "53", "65535", "0", "00080"})},
                {"tcp_time_relative", rel},
                {"tcp_completeness", comp}};
    }
};

/// A header and rows in one column order, optionally with extra columns, quotes and CRLF.
struct table_form {
    std::vector<std::string> columns; ///< names in file order ("extra" = a column not read)
    bool crlf = false, quote_some = false;
};

std::string render(const table_form& form, const std::vector<std::vector<std::pair<std::string, std::string>>>& rows,
                   std::mt19937_64& rng) {
    const std::string eol = form.crlf ? "\r\n" : "\n";
    std::string s;
    for (std::size_t i = 0; i < form.columns.size(); ++i) {
        if (i) s += ',';
        s += form.columns[i];
    }
    s += eol;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < form.columns.size(); ++i) {
            std::string v = "x\"y"; // an extra column's text: a quote inside an unquoted field is data
            for (const auto& [name, text] : row)
                if (name == form.columns[i]) v = text;
            if (form.quote_some && rng() % 5 == 0) v = "\"" + v + "\"";
            if (i) s += ',';
            s += v;
        }
        s += eol;
    }
    return s;
}

std::filesystem::path write(const std::string& name, const std::string& text) {
    return fwsize::test::write_test_file("csv_fast_row_test", name, text);
}

void require_same(const std::filesystem::path& p, const std::string& text) {
    const auto fast = read(p, csv_row_parser::fast_first);
    const auto general = read(p, csv_row_parser::general_only);
    INFO(text);
    REQUIRE(fast.error == general.error);
    REQUIRE(fast.units == general.units);
    REQUIRE(fast.skipped == general.skipped);
    REQUIRE(fast.records.size() == general.records.size());
    for (std::size_t i = 0; i < fast.records.size(); ++i) REQUIRE(same(fast.records[i], general.records[i]));
}

std::vector<table_form> forms(std::mt19937_64& rng) {
    const std::vector<std::string> seed = {"id",     "timestamp", "protocol", "ip_version",        "src_ip",
                                           "dst_ip", "src_port",  "dst_port", "tcp_time_relative", "tcp_completeness"};
    std::vector<table_form> out{{seed}, {seed, true}, {seed, false, true}};
    auto shuffled = seed;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    out.push_back({shuffled});
    auto extra = seed;
    extra.insert(extra.begin() + 3, "extra");
    extra.push_back("extra");
    out.push_back({extra, true});
    auto minimal = seed; // id and ip_version are optional
    std::erase(minimal, "id");
    std::erase(minimal, "ip_version");
    out.push_back({minimal});
    return out;
}

} // namespace

TEST_CASE("csv fast path: same records as the general path on every form of the schema") {
    std::mt19937_64 rng(2026);
    row_maker make{std::mt19937_64(5)};
    int n = 0;
    for (const auto& form : forms(rng)) {
        std::vector<std::vector<std::pair<std::string, std::string>>> rows;
        for (int i = 0; i < 300; ++i) {
            auto r = make.row();
            // Valid rows only here (the mutation test covers errors): lowercase protocols.
            for (auto& [name, text] : r)
                if (name == "protocol") text = text == "TCP" ? "tcp" : text == "UDP" ? "udp" : text;
            rows.push_back(r);
        }
        const std::string text = render(form, rows, rng);
        const auto p = write("form" + std::to_string(n++) + ".csv", text);
        const auto fast = read(p, csv_row_parser::fast_first);
        INFO(text.substr(0, 400));
        REQUIRE(fast.error.empty());
        REQUIRE(fast.records.size() == 300);
        require_same(p, text);
    }
}

TEST_CASE("csv fast path: same outcome as the general path on single-character mutations") {
    std::mt19937_64 rng(99);
    row_maker make{std::mt19937_64(17)};
    const auto all_forms = forms(rng);
    const std::string alphabet = ",\"\r\n.:09aF- x";
    int errors = 0, clean = 0;
    for (int n = 0; n < 4000; ++n) {
        const auto& form = all_forms[static_cast<std::size_t>(n) % all_forms.size()];
        std::string text = render(form, {make.row(), make.row(), make.row()}, rng);
        const std::size_t header_end = text.find('\n') + 1;
        std::size_t at = header_end + rng() % (text.size() - header_end);
        if (rng() % 2) { // half the time at a field's edge, where the fast path decides most
            while (at < text.size() && text[at] != ',' && text[at] != '\n') ++at;
            at = std::min(text.size() - 1, at - std::min<std::size_t>(at - header_end, rng() % 2));
        }
        switch (rng() % 3) {
        case 0:
            text[at] = alphabet[rng() % alphabet.size()];
            break;
        case 1:
            text.erase(at, 1);
            break;
        default:
            text.insert(at, 1, alphabet[rng() % alphabet.size()]);
            break;
        }
        const auto p = write("mutant.csv", text);
        require_same(p, text);
        (read(p, csv_row_parser::general_only).error.empty() ? clean : errors)++;
    }
    // Both kinds occur, so the agreement covers errors and accepted rows alike.
    CHECK(errors > 200);
    CHECK(clean > 200);
}

TEST_CASE("csv fast path answers the plain rows itself") {
    // A guard against a fast path that silently always declines: the plain row parses without
    // the general path (checked through the layout directly).
    using namespace fwsize::io::detail;
    csv_columns c;
    std::vector<std::string_view> names = {"id",     "timestamp", "protocol", "ip_version",        "src_ip",
                                           "dst_ip", "src_port",  "dst_port", "tcp_time_relative", "tcp_completeness"};
    REQUIRE_FALSE(csv_columns::locate(names, c));
    const csv_fast_layout layout(c);
    const std::string row = "7,1320279554496.300,tcp,6,2401:4900::1,2600:140f::2,55723,443,0.023800000,15\nnext";
    packet_record r;
    ip_text_cache cache;
    const char* q = csv_fast_row(row.data(), row.data() + row.size(), layout, 0, r, cache);
    REQUIRE(q == row.data() + row.find("next"));
    CHECK(r.id == 7);
    CHECK(r.timestamp_ns == 1320279554496300000LL);
    CHECK(r.tcp_time_relative_ns == 23800000);
    CHECK(r.tcp_completeness == 15);
    CHECK(r.src.to_string() == "2401:4900::1");
    const std::string quoted = "7,\"1320279554496.300\",tcp,4,1.2.3.4,5.6.7.8,1,2,0,0\n";
    CHECK(csv_fast_row(quoted.data(), quoted.data() + quoted.size(), layout, 0, r, cache) == nullptr);
    // The same addresses again, now remembered, swapped: from the cache, the same bytes.
    const std::string again = "8,1320279554497.300,udp,6,2600:140f::2,2401:4900::1,443,55723,,\n";
    packet_record r2;
    REQUIRE(csv_fast_row(again.data(), again.data() + again.size(), layout, 0, r2, cache) != nullptr);
    CHECK(cache.find(again.data() + again.find("2600"), 12) != nullptr);
    CHECK(r2.src == *fwsize::io::ip_address::parse("2600:140f::2"));
    CHECK(r2.dst == *fwsize::io::ip_address::parse("2401:4900::1"));
}
