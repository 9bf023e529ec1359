# embed_text_file(<target> <symbol> <path>): compiles the file's bytes into <target> as
#   extern const std::string_view <symbol>;   (namespace vtfsim_embedded)
# so that the binary works from any directory. Reconfigures when the file changes.
function(embed_text_file target symbol path)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${path})
  file(READ ${path} hex HEX)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
  file(WRITE ${out}.in
"// Generated from ${path}; do not edit.\n#include <string_view>\nnamespace vtfsim_embedded {\nstatic const char ${symbol}_bytes[] = {${bytes} '\\0'};\nextern const std::string_view ${symbol}(${symbol}_bytes, ${size});\n}\n")
  configure_file(${out}.in ${out} COPYONLY)
  target_sources(${target} PRIVATE ${out})
endfunction()
