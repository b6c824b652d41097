// A consumer of the installed or embedded package: include the umbrella, use one thing from it.
#include <fwsize/fwsize.hpp>

#include <iostream>

int main() {
    auto a = fwsize::io::ip_address::parse("2001:db8::1");
    if (!a || !a->is_v6()) return 1;
    std::cout << "fwsize " << fwsize::version_string << " consumer ok: " << a->to_string() << "\n";
    return 0;
}
