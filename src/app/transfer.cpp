// Import and export (placeholder)
#include "app/transfer.h"
