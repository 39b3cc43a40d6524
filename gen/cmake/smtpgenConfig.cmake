# smtpgenConfig.cmake - find_package(smtpgen) support.
#
# Gives:
#   smtpgen::smtpgen       the generator, an imported executable
#   smtpgen::smtp_codes    the installed header (the shipped table), an
#                          interface library
#   SMTPGEN_DATA_DIR       the shipped data and templates
#   smtpgen_generate(TARGET name [REPLIES file] [REASONS file]
#                    [ENHANCED file] [SUBCODES file]
#                    [TEMPLATES dir] [OUT_DIR dir] [PREFIX name])
#       adds a build step that runs smtpgen on your tables (the shipped ones
#       by default) and an interface library `name` whose include directory
#       holds the generated PREFIX_codes.h (smtp_codes.h by default). The
#       step's outputs are what `smtpgen --list-artifacts` names at
#       configure time (a template added to TEMPLATES reconfigures); it
#       reruns when a table or a template it read changes (smtpgen writes a
#       depfile). ${name}_ARTIFACTS (in the caller's scope) lists them.
#
# The package is relocatable: every path is found from this file's place.

cmake_minimum_required(VERSION 3.20)

get_filename_component(_smtpgen_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(SMTPGEN_DATA_DIR "${_smtpgen_prefix}/share/smtpgen")

if(NOT TARGET smtpgen::smtpgen)
  add_executable(smtpgen::smtpgen IMPORTED)
  set_target_properties(smtpgen::smtpgen PROPERTIES
    IMPORTED_LOCATION "${_smtpgen_prefix}/bin/smtpgen")
endif()

if(NOT TARGET smtpgen::smtp_codes)
  add_library(smtpgen::smtp_codes INTERFACE IMPORTED)
  set_target_properties(smtpgen::smtp_codes PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_smtpgen_prefix}/include")
endif()

function(smtpgen_generate)
  cmake_parse_arguments(ARG "" "TARGET;REPLIES;REASONS;ENHANCED;SUBCODES;TEMPLATES;OUT_DIR;PREFIX" "" ${ARGN})
  if(NOT ARG_TARGET)
    message(FATAL_ERROR "smtpgen_generate: TARGET is required")
  endif()
  if(NOT ARG_REPLIES)
    set(ARG_REPLIES "${SMTPGEN_DATA_DIR}/data/smtp-replies.csv")
  endif()
  if(NOT ARG_REASONS)
    set(ARG_REASONS "${SMTPGEN_DATA_DIR}/data/smtp-reasons.csv")
  endif()
  if(NOT ARG_ENHANCED)
    set(ARG_ENHANCED "${SMTPGEN_DATA_DIR}/data/smtp-enhanced.csv")
  endif()
  if(NOT ARG_SUBCODES)
    set(ARG_SUBCODES "${SMTPGEN_DATA_DIR}/data/smtp-enhanced-subcodes.csv")
  endif()
  if(NOT ARG_OUT_DIR)
    set(ARG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}")
  endif()
  get_filename_component(ARG_REPLIES "${ARG_REPLIES}" ABSOLUTE)
  get_filename_component(ARG_REASONS "${ARG_REASONS}" ABSOLUTE)
  get_filename_component(ARG_ENHANCED "${ARG_ENHANCED}" ABSOLUTE)
  get_filename_component(ARG_SUBCODES "${ARG_SUBCODES}" ABSOLUTE)
  set(_templates)
  set(_template_dir "${SMTPGEN_DATA_DIR}/templates")
  if(ARG_TEMPLATES)
    get_filename_component(ARG_TEMPLATES "${ARG_TEMPLATES}" ABSOLUTE)
    set(_templates --templates "${ARG_TEMPLATES}")
    set(_template_dir "${ARG_TEMPLATES}")
  endif()
  if(NOT ARG_PREFIX)
    set(ARG_PREFIX smtp)
  endif()
  get_target_property(_smtpgen smtpgen::smtpgen IMPORTED_LOCATION)
  execute_process(
    COMMAND "${_smtpgen}" --list-artifacts ${_templates} --prefix "${ARG_PREFIX}" --out "${ARG_OUT_DIR}"
    OUTPUT_VARIABLE _listed ERROR_VARIABLE _error RESULT_VARIABLE _status)
  if(NOT _status EQUAL 0)
    message(FATAL_ERROR "smtpgen_generate(${ARG_TARGET}): smtpgen --list-artifacts failed: ${_error}")
  endif()
  string(REGEX REPLACE "\n$" "" _listed "${_listed}")
  string(REPLACE "\n" ";" _outputs "${_listed}")
  # A template added or removed changes the artifacts: configure again.
  file(GLOB_RECURSE _template_files LIST_DIRECTORIES true CONFIGURE_DEPENDS "${_template_dir}/*")
  set(${ARG_TARGET}_ARTIFACTS ${_outputs} PARENT_SCOPE)
  add_custom_command(
    OUTPUT ${_outputs}
    COMMAND smtpgen::smtpgen --replies "${ARG_REPLIES}" --reasons "${ARG_REASONS}"
            --enhanced "${ARG_ENHANCED}" --subcodes "${ARG_SUBCODES}" ${_templates}
            --prefix "${ARG_PREFIX}" --out "${ARG_OUT_DIR}" --depfile "${ARG_OUT_DIR}/smtpgen.d"
    DEPENDS "${ARG_REPLIES}" "${ARG_REASONS}" "${ARG_ENHANCED}" "${ARG_SUBCODES}"
    DEPFILE "${ARG_OUT_DIR}/smtpgen.d"
    COMMENT "smtpgen: generating ${ARG_TARGET} from ${ARG_REPLIES} and ${ARG_REASONS}"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_generate DEPENDS ${_outputs})
  add_library(${ARG_TARGET} INTERFACE)
  target_include_directories(${ARG_TARGET} INTERFACE "${ARG_OUT_DIR}/include")
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_generate)
endfunction()
