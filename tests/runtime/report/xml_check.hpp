// A small XML well-formedness checker (the test oracle for the SVG files): one root element,
// properly nested and closed tags, quoted unique attributes, only the predefined or numeric
// entities, no stray '<'. Returns an empty string when well-formed, else what is wrong and where.
#pragma once

#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fwsize::test {

inline std::string xml_problem(std::string_view s) {
    std::size_t i = 0;
    std::vector<std::string> stack;
    int roots = 0;
    auto at = [&](const std::string& what) { return what + " at byte " + std::to_string(i); };
    auto name_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
    };
    auto entity_ok = [&](std::size_t p) {
        const auto semi = s.find(';', p);
        if (semi == std::string_view::npos || semi - p > 10) return false;
        const auto e = s.substr(p + 1, semi - p - 1);
        if (e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos") return true;
        if (e.size() >= 2 && e[0] == '#') {
            const bool hex = e[1] == 'x';
            for (std::size_t k = hex ? 2 : 1; k < e.size(); ++k)
                if (!(hex ? std::isxdigit(static_cast<unsigned char>(e[k]))
                          : std::isdigit(static_cast<unsigned char>(e[k]))))
                    return false;
            return e.size() > (hex ? 2u : 1u);
        }
        return false;
    };
    if (s.substr(0, 5) == "<?xml") {
        i = s.find("?>");
        if (i == std::string_view::npos) return "unterminated XML declaration";
        i += 2;
    }
    while (i < s.size()) {
        const char c = s[i];
        if (c == '<') {
            if (s.substr(i, 4) == "<!--") {
                const auto e = s.find("-->", i + 4);
                if (e == std::string_view::npos) return at("unterminated comment");
                i = e + 3;
                continue;
            }
            if (s.substr(i, 2) == "</") {
                std::size_t j = i + 2;
                while (j < s.size() && name_char(s[j])) ++j;
                const std::string name(s.substr(i + 2, j - i - 2));
                while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
                if (j >= s.size() || s[j] != '>') return at("malformed end tag");
                if (stack.empty() || stack.back() != name) return at("end tag </" + name + "> does not match");
                stack.pop_back();
                i = j + 1;
                continue;
            }
            std::size_t j = i + 1;
            while (j < s.size() && name_char(s[j])) ++j;
            const std::string name(s.substr(i + 1, j - i - 1));
            if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return at("bad element name");
            std::set<std::string> attrs;
            for (;;) {
                const std::size_t before = j;
                while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
                if (j >= s.size()) return at("unterminated start tag <" + name);
                if (s[j] == '>' || s.substr(j, 2) == "/>") break;
                if (j == before) return at("missing space before attribute in <" + name);
                std::size_t k = j;
                while (k < s.size() && name_char(s[k])) ++k;
                const std::string an(s.substr(j, k - j));
                if (an.empty()) return at("bad attribute name in <" + name);
                if (!attrs.insert(an).second) return at("duplicate attribute " + an);
                if (k >= s.size() || s[k] != '=') return at("attribute " + an + " without =");
                ++k;
                if (k >= s.size() || (s[k] != '"' && s[k] != '\'')) return at("unquoted attribute " + an);
                const char q = s[k];
                const auto e = s.find(q, k + 1);
                if (e == std::string_view::npos) return at("unterminated attribute " + an);
                for (std::size_t p = k + 1; p < e; ++p) {
                    if (s[p] == '<') return at("'<' inside attribute " + an);
                    if (s[p] == '&' && !entity_ok(p)) return at("bad entity in attribute " + an);
                }
                j = e + 1;
            }
            if (stack.empty()) {
                if (++roots > 1) return at("second root element <" + name);
            }
            if (s[j] == '/') {
                i = j + 2;
            } else {
                stack.push_back(name);
                i = j + 1;
            }
            continue;
        }
        if (c == '&' && !entity_ok(i)) return at("bad entity in text");
        if (stack.empty() && !std::isspace(static_cast<unsigned char>(c))) return at("text outside the root element");
        ++i;
    }
    if (!stack.empty()) return "unclosed element <" + stack.back() + ">";
    if (roots != 1) return "no root element";
    return {};
}

} // namespace fwsize::test
