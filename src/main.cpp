// kindly's entry point: everything happens in the CLI library.
#include "cli/commands.h"

int main(int argc, char** argv) { return kindly::cli::run(argc, argv); }
