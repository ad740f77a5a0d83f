// CSV (placeholder)
#include "export/csv.h"
