// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/error.h"

namespace concord::core {

namespace {

std::string formatMessage(const std::string &message, const std::string &file, std::int64_t line,
                          const std::string &field)
{
    std::string out;
    if (!file.empty()) {
        out.append(file);
        if (line > 0)
            out.append(":").append(std::to_string(line));
        out.append(": ");
    } else if (line > 0) {
        out.append("line ").append(std::to_string(line)).append(": ");
    }
    if (!field.empty())
        out.append("'").append(field).append("': ");
    out += message;
    return out;
}

} // namespace

Error::Error(ErrorCode code, const std::string &message, std::string file, std::int64_t line, std::string field)
    : std::runtime_error(formatMessage(message, file, line, field))
    , m_code(code)
    , m_file(std::move(file))
    , m_line(line)
    , m_field(std::move(field))
    , m_detail(message)
{
}

const char *errorCodeName(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::Io: return "i/o error";
    case ErrorCode::NotAProject: return "not a Concord project";
    case ErrorCode::NewerVersion: return "project from a newer version";
    case ErrorCode::ReadOnly: return "read-only project";
    case ErrorCode::Database: return "database error";
    case ErrorCode::Parse: return "parse error";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::Invalid: return "invalid value";
    case ErrorCode::Busy: return "project busy";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Denied: return "permission denied";
    case ErrorCode::Unavailable: return "server unavailable";
    }
    return "error";
}

} // namespace concord::core
