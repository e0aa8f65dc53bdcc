// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ids.h"

#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>

namespace Lwb::Ids {

namespace {

QByteArray randomHex(int digits)
{
    QByteArray bytes((digits + 1) / 2, Qt::Uninitialized);
    for (char &b : bytes) {
        b = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    return bytes.toHex().left(digits);
}

} // namespace

QString requestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
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
