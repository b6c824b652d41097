// cidr — an address block ("192.168.1.0/24", "fd00::/8", or a bare address = a single host), for
// `--exclude` and `--local`-style user input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fwsize/io/ip_address.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct cidr {
    io::ip_address network; ///< host bits cleared
    int prefix_len = 0;     ///< 0..32 (IPv4) or 0..128 (IPv6)

    /// "ADDR/LEN" or "ADDR"; nullopt when the text is neither or LEN is out of range.
    static std::optional<cidr> parse(std::string_view text) {
        const auto slash = text.find('/');
        const auto addr = io::ip_address::parse(text.substr(0, slash));
        if (!addr) return std::nullopt;
        const int max_len = addr->is_v4() ? 32 : 128;
        int len = max_len;
        if (slash != std::string_view::npos) {
            const auto digits = text.substr(slash + 1);
            if (digits.empty() || digits.size() > 3) return std::nullopt;
            len = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return std::nullopt;
                len = len * 10 + (c - '0');
            }
            if (len > max_len) return std::nullopt;
        }
        cidr c{*addr, len};
        c.network = masked(*addr, len);
        return c;
    }

    [[nodiscard]] bool contains(const io::ip_address& a) const {
        return a.family == network.family && masked(a, prefix_len) == network;
    }

    [[nodiscard]] std::string to_string() const { return network.to_string() + "/" + std::to_string(prefix_len); }

    static io::ip_address masked(io::ip_address a, int len) {
        for (int i = 0; i < 16; ++i) {
            const int keep = len - 8 * i;
            if (keep >= 8) continue;
            a.bytes[static_cast<std::size_t>(i)] &= keep <= 0 ? 0 : static_cast<std::uint8_t>(0xFF << (8 - keep));
        }
        return a;
    }
};

} // namespace v0
} // namespace fwsize::flow
