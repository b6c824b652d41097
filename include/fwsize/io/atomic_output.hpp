// atomic_output — write to a temporary name beside the target, rename at commit(). A run that
// fails (throws) leaves nothing behind: the destructor removes the temporary.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

namespace fwsize::io {
inline namespace v0 {

namespace detail {
inline std::filesystem::path temporary_sibling(const std::filesystem::path& target) {
    std::random_device rd;
    auto name = "." + target.filename().string() + ".tmp" + std::to_string(rd() % 1000000u);
    return target.parent_path() / name;
}
} // namespace detail

/// A file written under a temporary name and renamed onto `target` at commit().
class atomic_output_file {
public:
    explicit atomic_output_file(std::filesystem::path target)
        : target_(std::move(target)), tmp_(detail::temporary_sibling(target_)),
          out_(tmp_, std::ios::binary | std::ios::trunc) {
        if (!out_)
            throw std::filesystem::filesystem_error("cannot open for writing", tmp_,
                                                    std::make_error_code(std::errc::io_error));
    }
    atomic_output_file(const atomic_output_file&) = delete;
    atomic_output_file& operator=(const atomic_output_file&) = delete;
    ~atomic_output_file() {
        if (!committed_) {
            out_.close();
            std::error_code ec;
            std::filesystem::remove(tmp_, ec);
        }
    }
    std::ostream& stream() { return out_; }
    void commit() {
        out_.flush();
        if (!out_)
            throw std::filesystem::filesystem_error("write failed", tmp_, std::make_error_code(std::errc::io_error));
        out_.close();
        // Renaming onto an existing file makes ext4 (auto_da_alloc) write the new file's data out
        // first: ~20 ms per 40 MB. Moving the old file aside first costs nothing of the kind; the
        // target is missing only between the two renames, and comes back if the second one fails.
        std::error_code ec;
        std::filesystem::path aside;
        if (std::filesystem::symlink_status(target_, ec).type() == std::filesystem::file_type::regular) {
            aside = detail::temporary_sibling(target_);
            std::filesystem::rename(target_, aside, ec);
            if (ec) aside.clear();
        }
        try {
            std::filesystem::rename(tmp_, target_);
        } catch (...) {
            if (!aside.empty()) std::filesystem::rename(aside, target_, ec);
            throw;
        }
        committed_ = true;
        if (!aside.empty()) std::filesystem::remove(aside, ec);
    }

private:
    std::filesystem::path target_, tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

/// A directory filled under a temporary name and renamed onto `target` at commit(); an existing
/// target directory is replaced only then.
class atomic_output_dir {
public:
    explicit atomic_output_dir(std::filesystem::path target)
        : target_(std::move(target)), tmp_(detail::temporary_sibling(target_)) {
        if (!target_.parent_path().empty()) std::filesystem::create_directories(target_.parent_path());
        std::filesystem::create_directories(tmp_);
    }
    atomic_output_dir(const atomic_output_dir&) = delete;
    atomic_output_dir& operator=(const atomic_output_dir&) = delete;
    ~atomic_output_dir() {
        if (!committed_) {
            std::error_code ec;
            std::filesystem::remove_all(tmp_, ec);
        }
    }
    [[nodiscard]] const std::filesystem::path& path() const { return tmp_; }
    void commit() {
        std::error_code ec;
        if (std::filesystem::exists(target_)) std::filesystem::remove_all(target_);
        std::filesystem::rename(tmp_, target_);
        committed_ = true;
    }

private:
    std::filesystem::path target_, tmp_;
    bool committed_ = false;
};

} // namespace v0
} // namespace fwsize::io
