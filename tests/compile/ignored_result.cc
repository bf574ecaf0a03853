// Must NOT compile under -Werror: a Result dropped without a look. The test
// "an ignored Result does not compile" (tests/CMakeLists.txt) checks that it does not, and its
// control, built with ON_PURPOSE, that the same file compiles once the drop is explicit.
#include "kiosque/base/result.h"

namespace {

kiosque::Result<int> parse() { return 1; }

}  // namespace

int main() {
#ifdef ON_PURPOSE
  (void)parse();
#else
  parse();
#endif
  return 0;
}
