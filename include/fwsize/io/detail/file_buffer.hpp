// file_buffer — sequential, buffered reading of a capture of any size: the window holds at most one
// record beyond the buffer size, so memory never grows with the file. 128 KiB, as cat uses: the
// copy out of the page cache lands in L2 and the parser reads it there (5 % less CPU than 1 MiB).
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

class file_buffer {
public:
    static constexpr std::size_t default_buffer = std::size_t{1} << 17;

    explicit file_buffer(const std::filesystem::path& path, std::size_t buffer_bytes = default_buffer)
        : buf_(std::max<std::size_t>(buffer_bytes, 4096)) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0)
            throw std::filesystem::filesystem_error("cannot open capture", path,
                                                    std::error_code(errno, std::generic_category()));
#ifdef POSIX_FADV_SEQUENTIAL
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    file_buffer(const file_buffer&) = delete;
    file_buffer& operator=(const file_buffer&) = delete;
    ~file_buffer() {
        if (fd_ >= 0) ::close(fd_);
    }

    /// Makes n bytes available at data(); returns how many are (fewer only at end of file).
    std::size_t fill(std::size_t n) {
        if (end_ - begin_ >= n) return n;
        if (n > buf_.size() - begin_) {
            // Slide the unread tail to the front, growing only for a record larger than the buffer.
            std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
            if (n > buf_.size()) buf_.resize(n);
        }
        while (end_ - begin_ < n && !eof_) {
            const ssize_t got = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
            if (got < 0) {
                if (errno == EINTR) continue;
                throw std::system_error(errno, std::generic_category(), "reading capture");
            }
            if (got == 0) eof_ = true;
            end_ += static_cast<std::size_t>(got);
        }
        return std::min(n, end_ - begin_);
    }
    [[nodiscard]] const std::uint8_t* data() const { return buf_.data() + begin_; }
    /// Consumes n bytes (n <= what fill returned).
    void advance(std::size_t n) {
        begin_ += n;
        offset_ += n;
    }
    /// Skips n bytes that need not be looked at (may run past the end: returns false then).
    bool skip(std::uint64_t n) {
        while (n > 0) {
            const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(n, buf_.size()));
            const std::size_t got = fill(chunk);
            advance(got);
            n -= got;
            if (got < chunk) return false;
        }
        return true;
    }
    /// Byte offset of data() in the file.
    [[nodiscard]] std::uint64_t offset() const { return offset_; }
    /// Drops a buffer grown for one huge record back to its normal size.
    void shrink(std::size_t buffer_bytes = default_buffer) {
        if (buf_.size() > 4 * buffer_bytes && end_ - begin_ <= buffer_bytes) {
            std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
            buf_.resize(buffer_bytes);
            buf_.shrink_to_fit();
        }
    }

private:
    std::vector<std::uint8_t> buf_;
    std::size_t begin_ = 0, end_ = 0;
    std::uint64_t offset_ = 0;
    int fd_ = -1;
    bool eof_ = false;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
