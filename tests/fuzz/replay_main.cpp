// Runs a fuzz target without libFuzzer: once on every file given, or on every file of every
// directory given (the corpus replay of CTest, and a way to re-run a finding), or, with
// `--mutate SECONDS`, on random mutations of those inputs until the time is up (CTest's bounded
// fuzzing of every build; libFuzzer's coverage-guided search needs the clang build of
// docs/architecture.md, "Fuzzing and sanitizers"). Before each mutated input runs it is written to
// `--keep DIR`/<program>.mutated-input, so a finding, which aborts, leaves its reproducer there.
//
//   replay INPUT...                                 every input once
//   replay --mutate 60 [--seed N] [--max-len 8192] --keep DIR INPUT...
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return bytes;
}

void run(const std::string& bytes) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

// Bytes that mean something to a TOML reader or an edit script, tried more often than others.
constexpr std::string_view kTokens = "\n\r\t =[].,\"'#{}0123456789-+eE_\\\xef\xbb\xbf\xff";

// One of libFuzzer's simpler mutations, chosen at random.
void mutate_once(std::string& s, const std::vector<std::string>& corpus, std::mt19937_64& rng,
                 std::size_t max_len) {
  const auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1));
  };
  const auto byte = [&]() -> char {
    return rng() % 2 ? kTokens[pick(kTokens.size())] : static_cast<char>(rng() & 0xff);
  };
  switch (rng() % 7) {
    case 0:  // flip a bit
      if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << (rng() % 8));
      break;
    case 1:  // replace a byte
      if (!s.empty()) s[pick(s.size())] = byte();
      break;
    case 2:  // insert a few bytes
      for (std::size_t k = 1 + pick(4); k > 0; --k)
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(pick(s.size() + 1)), byte());
      break;
    case 3:  // erase a range
      if (!s.empty()) {
        const std::size_t at = pick(s.size());
        s.erase(at, 1 + pick(std::min<std::size_t>(s.size() - at, 64)));
      }
      break;
    case 4:  // duplicate a range
      if (!s.empty()) {
        const std::size_t at = pick(s.size());
        const std::string part = s.substr(at, 1 + pick(64));
        s.insert(pick(s.size() + 1), part);
      }
      break;
    case 5: {  // splice a range of another input
      const std::string& other = corpus[pick(corpus.size())];
      if (!other.empty()) {
        const std::size_t at = pick(other.size());
        s.insert(pick(s.size() + 1), other.substr(at, 1 + pick(256)));
      }
      break;
    }
    default: {  // a number made extreme
      const std::size_t at = s.find_first_of("0123456789", pick(s.size() + 1));
      if (at != std::string::npos) {
        static const char* kExtreme[] = {
            "0", "-1", "1e308", "nan", "99999999999999999999", "2147483648", "1e-320", "inf"};
        s.replace(at, 1, kExtreme[pick(std::size(kExtreme))]);
      }
      break;
    }
  }
  if (s.size() > max_len) s.resize(max_len);
}

struct Options {
  double mutate_seconds = -1;  // < 0: replay once
  std::uint64_t seed = std::random_device{}();
  std::size_t max_len = 8192;
  fs::path keep;
  std::string program;  // names the kept input, so two targets can share a directory
  std::vector<fs::path> files;
};

Options parse(int argc, char** argv) {
  Options o;
  o.program = fs::path(argv[0]).filename().string();
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--mutate" && has_value) {
      o.mutate_seconds = std::atof(argv[++i]);
    } else if (a == "--seed" && has_value) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--max-len" && has_value) {
      o.max_len = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--keep" && has_value) {
      o.keep = argv[++i];
    } else if (fs::is_directory(a)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(a))
        if (entry.is_regular_file()) found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      o.files.insert(o.files.end(), found.begin(), found.end());
    } else {
      o.files.emplace_back(a);
    }
  }
  return o;
}

int mutate(const Options& o) {
  if (o.keep.empty()) {
    std::fprintf(stderr, "--mutate needs --keep DIR, where a finding's input is left\n");
    return 2;
  }
  std::vector<std::string> corpus;
  for (const auto& f : o.files)
    corpus.push_back(read_bytes(f));
  const fs::path kept = o.keep / (o.program + ".mutated-input");
  std::fprintf(stderr, "mutating %zu input(s) for %.0f s, seed %llu; a finding's input is %s\n",
               corpus.size(), o.mutate_seconds, static_cast<unsigned long long>(o.seed),
               kept.c_str());
  std::mt19937_64 rng(o.seed);
  const auto end =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(o.mutate_seconds);
  std::size_t runs = 0;
  while (std::chrono::steady_clock::now() < end) {
    std::string s = corpus[rng() % corpus.size()];
    for (std::size_t k = 1 + rng() % 8; k > 0; --k)
      mutate_once(s, corpus, rng, o.max_len);
    std::ofstream(kept, std::ios::binary | std::ios::trunc) << s;
    run(s);
    ++runs;
  }
  fs::remove(kept);
  std::fprintf(stderr, "ran %zu mutated input(s): no finding\n", runs);
  return runs > 0 ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  if (o.files.empty()) {
    std::fprintf(stderr, "no inputs given\n");
    return 2;
  }
  if (o.mutate_seconds >= 0) return mutate(o);
  for (const auto& f : o.files) {
    std::fprintf(stderr, "%s\n", f.c_str());  // the input a finding's abort follows
    run(read_bytes(f));
  }
  std::fprintf(stderr, "replayed %zu input(s): no finding\n",
               o.files.size());  // stdout may be silenced
  return 0;
}
