// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace concord::core {

/// Small deterministic random source for the demo generator.
///
/// Why not std::mt19937 with std::uniform_real_distribution / std::normal_distribution: the
/// distributions are implementation-defined, so the same seed could give other images and
/// labels with another standard library. Here every step is spelled out (xoshiro256** seeded
/// through SplitMix64, 53-bit uniforms, Box–Muller normals), so a seed means the same demo
/// everywhere. Each generator is keyed by (seed, stream, index): image i and labeler j get
/// their own independent sequence, which makes the output independent of thread scheduling
/// and of the order in which work is done.
class DemoRandom
{
public:
    /// Streams keep the sequences of different parts of the demo apart.
    enum Stream : std::uint64_t
    {
        Images = 1,
        Labelers = 2,
        Decisions = 3,
        Assignment = 4,
        Repeats = 5,
        Objects = 6,     ///< further defects of an image (issue #17)
        ObjectLabels = 7 ///< how a labeler draws an image's objects (issue #17)
    };

    DemoRandom(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0)
    {
        std::uint64_t x = seed ^ (stream * 0x9E3779B97F4A7C15ULL) ^ splitMix(index + 0x632BE59BD9B4E019ULL);
        for (auto &s : m_state)
            s = splitMix(x);
    }

    /// Next 64 random bits (xoshiro256**).
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [a, b).
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    /// Uniform integer in [0, n); n > 0. The modulo bias is below 2^-40 for any n used here.
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    /// Standard normal (Box–Muller; one value per call so the sequence never depends on a cache).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

    /// SplitMix64 step: advances `x` and returns a well-mixed value. Also used to derive seeds.
    static std::uint64_t splitMix(std::uint64_t &x)
    {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    static std::uint64_t splitMix(std::uint64_t &&x) { return splitMix(x); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] = {};
};

} // namespace concord::core
