// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/hash.h"

#include "core/common/error.h"

#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace concord::core {

namespace {

std::string toHex(const XXH128_hash_t &h)
{
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

} // namespace

std::string contentHash(const void *data, std::size_t size)
{
    return toHex(XXH3_128bits(data, size));
}

std::string fileContentHash(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open file for reading", path);
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
    XXH3_128bits_reset(state.get());
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto got = in.gcount();
        if (got > 0)
            XXH3_128bits_update(state.get(), buf.data(), static_cast<std::size_t>(got));
    }
    if (in.bad())
        throw Error(ErrorCode::Io, "read error", path);
    return toHex(XXH3_128bits_digest(state.get()));
}

} // namespace concord::core
