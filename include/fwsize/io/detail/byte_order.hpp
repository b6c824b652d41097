// byte_order — unaligned loads of big- and little-endian integers from raw capture bytes.
#pragma once

#include <cstdint>
#include <cstring>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

inline std::uint16_t load_be16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
inline std::uint16_t load_le16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::uint32_t load_le32(const std::uint8_t* p) {
    return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}
inline std::uint64_t load_le64(const std::uint8_t* p) {
    return (std::uint64_t{load_le32(p + 4)} << 32) | load_le32(p);
}
inline std::uint64_t load_be64(const std::uint8_t* p) {
    return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}

/// Loads in a file's byte order, chosen once from its magic number.
struct endian_loader {
    bool big = false;
    [[nodiscard]] std::uint16_t u16(const std::uint8_t* p) const { return big ? load_be16(p) : load_le16(p); }
    [[nodiscard]] std::uint32_t u32(const std::uint8_t* p) const { return big ? load_be32(p) : load_le32(p); }
    [[nodiscard]] std::uint64_t u64(const std::uint8_t* p) const { return big ? load_be64(p) : load_le64(p); }
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
