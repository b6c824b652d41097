// csv_mapped_file — a read-only memory map of a whole file: the CSV reader parses the mapped bytes
// in place, so reading a file never copies its text into the heap.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fwsize/input_error.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

class csv_mapped_file {
public:
    explicit csv_mapped_file(const std::filesystem::path& path) {
        const std::string name = path.string();
        const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw input_error::in_file(name, std::string("cannot open: ") + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            throw input_error::in_file(name, "not a regular file");
        }
        size_ = static_cast<std::size_t>(st.st_size);
        if (size_ > 0) {
            void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p == MAP_FAILED) {
                const int e = errno;
                ::close(fd);
                throw input_error::in_file(name, std::string("cannot map: ") + std::strerror(e));
            }
            // One forward pass: let the kernel read ahead aggressively and drop pages behind us.
            ::madvise(p, size_, MADV_SEQUENTIAL);
            data_ = static_cast<const char*>(p);
        }
        ::close(fd); // the mapping keeps the file alive
    }
    csv_mapped_file(const csv_mapped_file&) = delete;
    csv_mapped_file& operator=(const csv_mapped_file&) = delete;
    csv_mapped_file(csv_mapped_file&& o) noexcept
        : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
    csv_mapped_file& operator=(csv_mapped_file&& o) noexcept {
        if (this != &o) {
            unmap();
            data_ = std::exchange(o.data_, nullptr);
            size_ = std::exchange(o.size_, 0);
        }
        return *this;
    }
    ~csv_mapped_file() { unmap(); }

    [[nodiscard]] std::string_view text() const { return {data_, size_}; }

    /// Drops the page-table entries of the whole pages inside text()[begin, end): a parallel reader
    /// that is done with a piece pays its share of unmapping then, instead of all of it at the end
    /// (~30 ms per GB, on one thread). The text stays readable: a later read faults the page back in.
    void release(std::size_t begin, std::size_t end) const {
        const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        const auto base = reinterpret_cast<std::uintptr_t>(data_);
        const std::uintptr_t from = (base + begin + page - 1) / page * page, to = (base + end) / page * page;
        if (data_ && end <= size_ && from < to)
            ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED); // advice: failure is harmless
    }

private:
    void unmap() {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
        data_ = nullptr;
    }
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
