// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ids.h"

#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>

#include <array>

namespace Lwb::Ids {

namespace {

/**
 * Ids need to be unique, not secret: one generator per thread, seeded once from the system's
 * source. (QUuid::createUuid() asks the system source each time, which is the CPU's RDRAND
 * here: slow in a virtual machine, and twice per request.)
 */
QRandomGenerator64 &generator()
{
    thread_local QRandomGenerator64 generator = [] {
        std::array<quint32, 8> seed;
        QRandomGenerator::system()->fillRange(seed.data(), qsizetype(seed.size()));
        return QRandomGenerator64(seed.data(), qsizetype(seed.size()));
    }();
    return generator;
}

/// Writes the low @p digits hex digits of @p value, lowercase, at @p out.
void putHex(char *out, quint64 value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    }
}

QByteArray randomHex(int digits)
{
    QByteArray hex(digits, Qt::Uninitialized);
    for (int at = 0; at < digits; at += 16) {
        putHex(hex.data() + at, generator().generate64(), std::min(16, digits - at));
    }
    return hex;
}

} // namespace

QString requestId()
{
    quint64 high = generator().generate64();
    quint64 low = generator().generate64();
    high = (high & ~quint64(0xf000)) | 0x4000;                         // version 4
    low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;       // variant 10
    char text[36];
    putHex(text, high >> 32, 8);
    text[8] = '-';
    putHex(text + 9, high >> 16, 4);
    text[13] = '-';
    putHex(text + 14, high, 4);
    text[18] = '-';
    putHex(text + 19, low >> 48, 4);
    text[23] = '-';
    putHex(text + 24, low, 12);
    return QString::fromLatin1(text, 36);
}

QString environmentId()
{
    return QString::fromLatin1(randomHex(32));
}

QByteArray traceId()
{
    const QByteArray epoch = QByteArray::number(QDateTime::currentSecsSinceEpoch(), 16);
    return "Root=1-" + epoch + '-' + randomHex(24) + ";Parent=" + randomHex(16) + ";Sampled=0";
}

} // namespace Lwb::Ids
