// fwsize::input_error — the one error type for bad input: names the file, where, and what was expected.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace fwsize {
inline namespace v0 {

/// Where in a user's file a problem sits: a 1-based line (text formats) or a byte offset (binary).
struct input_location {
    std::string file;
    std::optional<std::uint64_t> line;
    std::optional<std::uint64_t> byte_offset;
};

/// Raised for any input a user gave that fwsize cannot read as promised.
/// what() reads "FILE:LINE: problem" or "FILE: byte OFFSET: problem".
class input_error : public std::runtime_error {
public:
    input_error(input_location where, const std::string& problem)
        : std::runtime_error(format(where, problem)), where_(std::move(where)), problem_(problem) {}

    static input_error at_line(const std::string& file, std::uint64_t line, const std::string& problem) {
        return input_error({file, line, std::nullopt}, problem);
    }
    static input_error at_offset(const std::string& file, std::uint64_t offset, const std::string& problem) {
        return input_error({file, std::nullopt, offset}, problem);
    }
    static input_error in_file(const std::string& file, const std::string& problem) {
        return input_error({file, std::nullopt, std::nullopt}, problem);
    }

    [[nodiscard]] const input_location& where() const noexcept { return where_; }
    [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

private:
    static std::string format(const input_location& w, const std::string& problem) {
        std::string s = w.file.empty() ? std::string("<input>") : w.file;
        // Appends, not `":" + to_string(...)`: that form trips GCC 12's false -Wrestrict (PR 105329).
        if (w.line) s.append(":").append(std::to_string(*w.line));
        if (w.byte_offset) s.append(": byte ").append(std::to_string(*w.byte_offset));
        return s.append(": ").append(problem);
    }
    input_location where_;
    std::string problem_;
};

} // namespace v0
} // namespace fwsize
