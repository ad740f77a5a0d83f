# The two commands: `make run` and `make test`. Both install what is missing, then build.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps configure build run test bench clean format

all: build

deps:
	@./scripts/deps.sh

$(BUILD)/build.ninja:
	@./scripts/deps.sh
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job: the CLI status on the default database (the web UI will take over later).
run: build
	./$(BUILD)/kindly $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	python3 bench/run.py --kindly $(BUILD)/kindly --micro $(BUILD)/kindly_bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD)
