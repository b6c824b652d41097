// A consumer of the installed or embedded package: include the umbrella, use one thing from it.
// The add_subdirectory consumer defines FWSIZE_CONSUMER_ONE_HEADER: it checks the target's wiring
// from a source tree, where no header can be missing, so it spares the ~45 s the umbrella takes;
// the installed package (find_package, Conan's test_package) is checked with every header.
#ifdef FWSIZE_CONSUMER_ONE_HEADER
#include <fwsize/io/ip_address.hpp>
#include <fwsize/version.hpp>
#else
#include <fwsize/fwsize.hpp>
#endif

#include <iostream>

int main() {
    auto a = fwsize::io::ip_address::parse("2001:db8::1");
    if (!a || !a->is_v6()) return 1;
    std::cout << "fwsize " << fwsize::version_string << " consumer ok: " << a->to_string() << "\n";
    return 0;
}
