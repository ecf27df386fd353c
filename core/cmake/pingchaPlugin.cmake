# pingcha_add_plugin(NAME SOURCES src... [OUTPUT_DIRECTORY dir] [DATA_DIR dir] [DATA file...] [NO_INSTALL]):
# declares a pingcha plugin, in tree or out of tree.
# The plugin is a MODULE library named NAME.so with hidden visibility (only the entry point is
# exported), linked with -z,defs so that an unresolved symbol fails the build, not the load.
# DATA files (paths relative to DATA_DIR, default "data" in the calling folder; subfolders kept) are
# copied to NAME-data/ beside NAME.so at configure time and installed to NAME-data/ beside the
# installed NAME.so, so that the plugin finds them from the plugin_dir its registration receives.
# NO_INSTALL: a test fixture, never installed.
function(pingcha_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY;DATA_DIR" "SOURCES;DATA" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE pingcha::core)
  target_compile_features(${name} PRIVATE cxx_std_20)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${name} PRIVATE -Wl,-z,defs)
  if(ARG_OUTPUT_DIRECTORY)
    set(out_dir ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED PINGCHA_PLUGIN_OUTPUT_DIR)
    set(out_dir ${PINGCHA_PLUGIN_OUTPUT_DIR})
  elseif(CMAKE_LIBRARY_OUTPUT_DIRECTORY)
    set(out_dir ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})
  else()
    set(out_dir ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${out_dir})
  if(DEFINED PINGCHA_PLUGIN_INSTALL_DIR)
    set(install_dir ${PINGCHA_PLUGIN_INSTALL_DIR})
  else()
    include(GNUInstallDirs)
    set(install_dir ${CMAKE_INSTALL_LIBDIR}/pingcha/plugins)
  endif()
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${install_dir})
  endif()
  if(ARG_DATA)
    if(ARG_DATA_DIR)
      get_filename_component(data_dir ${ARG_DATA_DIR} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    else()
      set(data_dir ${CMAKE_CURRENT_SOURCE_DIR}/data)
    endif()
    foreach(f ${ARG_DATA})
      if(NOT EXISTS ${data_dir}/${f})
        message(FATAL_ERROR "pingcha_add_plugin(${name}): no data file ${data_dir}/${f}")
      endif()
      # configure_file re-runs the copy whenever the source file changes
      configure_file(${data_dir}/${f} ${out_dir}/${name}-data/${f} COPYONLY)
      if(NOT ARG_NO_INSTALL)
        get_filename_component(sub ${f} DIRECTORY)
        install(FILES ${data_dir}/${f} DESTINATION ${install_dir}/${name}-data/${sub})
      endif()
    endforeach()
  endif()
endfunction()
