#include <gtest/gtest.h>

TEST(CheckPlaceholder, Builds) { EXPECT_EQ(1 + 1, 2); }
