# vtfsim_git_commit: a small library whose one source, regenerated at every build, defines
#   extern const char* const vtfsim_git_commit;   // "<hash>[-dirty]" or "unknown"
# so results files always name the commit the binary was built from, not the one configured.
set(_gc_out ${CMAKE_BINARY_DIR}/generated/git_commit.cpp)
add_custom_target(vtfsim_git_commit_stamp
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR} -DOUT=${_gc_out} -DGIT=${GIT_EXECUTABLE}
          -P ${CMAKE_CURRENT_LIST_DIR}/WriteGitCommit.cmake
  BYPRODUCTS ${_gc_out}
  COMMENT "Recording the git commit")
add_library(vtfsim_git_commit STATIC ${_gc_out})
add_dependencies(vtfsim_git_commit vtfsim_git_commit_stamp)
