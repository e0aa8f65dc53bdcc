// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggerdesignerdiagram.h"

#include "triggerdesignermodel.h"

#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtWidgets/QPushButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kMargin = 16;
constexpr int kHeadingHeight = 26;
constexpr int kSideWidth = 236;
constexpr int kFunctionWidth = 250;
constexpr int kGap = 84;
constexpr int kBoxHeight = 58;
constexpr int kSpacing = 14;
constexpr int kConditionHeight = 18;
constexpr int kFunctionHeight = 78;
constexpr int kLayerLineHeight = 18;
constexpr int kIconSize = 32;
constexpr int kRadius = 8;

using Kind = TriggerDesignerModel::Kind;

/** The service colours of the AWS architecture icons, so a box reads like the console's. */
struct IconStyle
{
    QColor colour;
    QString glyph;
};

IconStyle iconStyle(const QString &type, Kind kind)
{
    const QColor integration(0xE7, 0x15, 0x7B); // Application Integration: EventBridge, SQS, SNS
    if (kind == Kind::Function || type == u"Lambda"_s) {
        return {QColor(0xED, 0x71, 0x00), QStringLiteral("λ")};
    }
    if (type == u"Api"_s || type == u"HttpApi"_s) {
        return {QColor(0x8C, 0x4F, 0xFF), u"API"_s};
    }
    if (type == u"S3"_s) {
        return {QColor(0x7A, 0xA1, 0x16), u"S3"_s};
    }
    if (type == u"Schedule"_s || type == u"ScheduleV2"_s) {
        return {integration, QString()}; // a clock face, drawn
    }
    if (type == u"SQS"_s || type == u"SNS"_s) {
        return {integration, type};
    }
    if (type == u"EventBridge"_s || type == u"CloudWatchEvent"_s) {
        return {integration, u"EB"_s};
    }
    if (type == u"Kinesis"_s || type == u"DynamoDB"_s) {
        return {QColor(0x8C, 0x4F, 0xFF), type.left(3)};
    }
    return {QColor(0x54, 0x5B, 0x64), type.left(2)};
}

void paintIcon(QPainter &painter, const QRect &rect, const QString &type, Kind kind)
{
    const IconStyle style = iconStyle(type, kind);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(style.colour);
    painter.drawRoundedRect(rect, 5, 5);
    painter.setPen(QPen(Qt::white, 2));
    if (style.glyph.isEmpty()) {
        const QRectF face = QRectF(rect).adjusted(7, 7, -7, -7);
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(face);
        const QPointF centre = face.center();
        painter.drawLine(centre, centre - QPointF(0, face.height() * 0.32));
        painter.drawLine(centre, centre + QPointF(face.width() * 0.26, 0));
    } else {
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(style.glyph.size() >= 3
                              ? rect.height() * 5 / 16
                              : rect.height() * (style.glyph.size() == 1 ? 10 : 7) / 16);
        painter.setFont(font);
        painter.drawText(rect, Qt::AlignCenter, style.glyph);
    }
    painter.restore();
}

QColor conditionColour(const QString &key)
{
    if (key == u"OnSuccess"_s) {
        return QColor(0x03, 0x7F, 0x0C);
    }
    if (key == u"OnFailure"_s) {
        return QColor(0xD9, 0x15, 0x15);
    }
    return QColor(0x8D, 0x67, 0x05); // the dead-letter queue
}

/** A line from @p from to an arrowhead at @p to, bending at the bus halfway; the part before
 *  the bus, which the lines of one column share, in @p stubColour. */
void paintArrow(QPainter &painter, const QPoint &from, const QPoint &to, const QColor &colour,
                const QColor &stubColour)
{
    const int busX = (from.x() + to.x()) / 2;
    QPainterPath path(QPoint(busX, from.y()));
    path.lineTo(busX, to.y());
    path.lineTo(to.x() - 6, to.y());
    painter.save();
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(stubColour, 1.5));
    painter.drawLine(from, QPoint(busX, from.y()));
    painter.setPen(QPen(colour, 1.5));
    painter.drawPath(path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    const QPointF tip(to);
    painter.drawPolygon(QPolygonF({tip, tip + QPointF(-8, -4.5), tip + QPointF(-8, 4.5)}));
    painter.restore();
}

} // namespace

TriggerDesignerDiagram::TriggerDesignerDiagram(TriggerDesignerModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_addTrigger(new QPushButton(tr("+ Add trigger"), this)),
      m_addDestination(new QPushButton(tr("+ Add destination"), this))
{
    setObjectName(u"triggerDiagram"_s);
    setFocusPolicy(Qt::ClickFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_addTrigger->setObjectName(u"addTrigger"_s);
    m_addDestination->setObjectName(u"addDestination"_s);
    auto changed = [this] {
        relayout();
        updateGeometry();
        update();
    };
    connect(model, &QAbstractItemModel::modelReset, this, changed);
    connect(model, &QAbstractItemModel::layoutChanged, this, changed);
    connect(model, &QAbstractItemModel::rowsInserted, this, changed);
    connect(model, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
    relayout();
}

void TriggerDesignerDiagram::setCurrent(const QString &id)
{
    if (m_current != id) {
        m_current = id;
        update();
    }
}

QRect TriggerDesignerDiagram::boxRect(const QString &id) const
{
    if (id == TriggerDesignerModel::functionRowId()) {
        return m_functionRect;
    }
    const auto it = std::find_if(m_boxes.cbegin(), m_boxes.cend(),
                                 [&id](const Box &box) { return box.id == id; });
    return it == m_boxes.cend() ? QRect() : it->rect;
}

QSize TriggerDesignerDiagram::sizeHint() const
{
    return m_contentSize;
}

QSize TriggerDesignerDiagram::minimumSizeHint() const
{
    return m_contentSize;
}

void TriggerDesignerDiagram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void TriggerDesignerDiagram::relayout()
{
    m_boxes.clear();
    m_functionRect = QRect();
    std::vector<int> triggers;
    std::vector<int> destinations;
    int functionRow = -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        switch (m_model->index(row).data(TriggerDesignerModel::KindRole).value<Kind>()) {
        case Kind::Trigger:
            triggers.push_back(row);
            break;
        case Kind::Function:
            functionRow = row;
            break;
        case Kind::Destination:
            destinations.push_back(row);
            break;
        }
    }
    const int contentWidth = 2 * kSideWidth + 2 * kGap + kFunctionWidth;
    const int left = std::max(kMargin, (width() - contentWidth) / 2);
    const int middle = left + kSideWidth + kGap;
    const int right = middle + kFunctionWidth + kGap;
    const int top = kMargin + kHeadingHeight;

    // Columns are centred on the tallest of them; an empty column keeps one box's height for
    // its placeholder.
    const int triggerCount = std::max<int>(1, int(triggers.size()));
    const int destinationCount = std::max<int>(1, int(destinations.size()));
    const int leftHeight = triggerCount * kBoxHeight + (triggerCount - 1) * kSpacing;
    const int rightHeight =
        destinationCount * (kConditionHeight + kBoxHeight) + (destinationCount - 1) * kSpacing;
    const QStringList layers =
        functionRow < 0
            ? QStringList()
            : m_model->index(functionRow).data(TriggerDesignerModel::LayersRole).toStringList();
    const int functionHeight =
        kFunctionHeight + (layers.isEmpty() ? 0 : 30 + int(layers.size()) * kLayerLineHeight);
    const int height = std::max({leftHeight, rightHeight, functionHeight});

    int y = top + (height - leftHeight) / 2;
    for (int row : triggers) {
        m_boxes.push_back({m_model->index(row).data(TriggerDesignerModel::IdRole).toString(), row,
                           QRect(left, y, kSideWidth, kBoxHeight)});
        y += kBoxHeight + kSpacing;
    }
    if (functionRow >= 0) {
        m_functionRect =
            QRect(middle, top + (height - functionHeight) / 2, kFunctionWidth, functionHeight);
    }
    y = top + (height - rightHeight) / 2;
    for (int row : destinations) {
        y += kConditionHeight;
        m_boxes.push_back({m_model->index(row).data(TriggerDesignerModel::IdRole).toString(), row,
                           QRect(right, y, kSideWidth, kBoxHeight)});
        y += kBoxHeight + kSpacing;
    }

    const int buttonsTop = top + height + kSpacing;
    m_addTrigger->adjustSize();
    m_addDestination->adjustSize();
    m_addTrigger->move(left, buttonsTop);
    m_addDestination->move(right, buttonsTop);
    m_contentSize =
        QSize(contentWidth + 2 * kMargin,
              buttonsTop + std::max(m_addTrigger->height(), m_addDestination->height()) + kMargin);
}

void TriggerDesignerDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor secondary = pal.color(QPalette::PlaceholderText);
    const QColor line = pal.color(QPalette::Mid);

    const int contentWidth = 2 * kSideWidth + 2 * kGap + kFunctionWidth;
    const int left = std::max(kMargin, (width() - contentWidth) / 2);
    const int middle = left + kSideWidth + kGap;
    const int right = middle + kFunctionWidth + kGap;

    QFont heading = font();
    heading.setBold(true);
    heading.setCapitalization(QFont::AllUppercase);
    heading.setPointSizeF(font().pointSizeF() * 0.85);
    painter.setFont(heading);
    painter.setPen(secondary);
    const struct
    {
        int x;
        int width;
        QString text;
    } headings[] = {{left, kSideWidth, tr("Triggers")},
                    {middle, kFunctionWidth, tr("Function")},
                    {right, kSideWidth, tr("Destinations")}};
    for (const auto &h : headings) {
        painter.drawText(QRect(h.x, kMargin, h.width, kHeadingHeight - 8),
                         Qt::AlignLeft | Qt::AlignVCenter, h.text);
    }
    painter.setFont(font());

    bool anyTrigger = false;
    bool anyDestination = false;
    for (const Box &box : m_boxes) {
        const QModelIndex index = m_model->index(box.row);
        const Kind kind = index.data(TriggerDesignerModel::KindRole).value<Kind>();
        if (!m_functionRect.isNull()) {
            const QPoint functionLeft(m_functionRect.left(), m_functionRect.center().y());
            const QPoint functionRight(m_functionRect.right() + 1, m_functionRect.center().y());
            if (kind == Kind::Trigger) {
                paintArrow(painter, QPoint(box.rect.right() + 1, box.rect.center().y()),
                           functionLeft, line.darker(130), line.darker(130));
            } else {
                paintArrow(painter, functionRight, QPoint(box.rect.left(), box.rect.center().y()),
                           conditionColour(index.data(TriggerDesignerModel::KeyRole).toString()),
                           line.darker(130));
            }
        }
        anyTrigger = anyTrigger || kind == Kind::Trigger;
        anyDestination = anyDestination || kind == Kind::Destination;
    }
    for (const Box &box : m_boxes) {
        paintBox(painter, box);
    }

    // Placeholders for empty columns, in line with the function.
    if (!m_functionRect.isNull()) {
        QPen dashed(line, 1, Qt::DashLine);
        const int y = m_functionRect.center().y() - kBoxHeight / 2;
        const struct
        {
            bool empty;
            int x;
            QString text;
        } placeholders[] = {{!anyTrigger, left, tr("No triggers")},
                            {!anyDestination, right, tr("No destinations")}};
        for (const auto &p : placeholders) {
            if (!p.empty) {
                continue;
            }
            painter.setPen(dashed);
            painter.setBrush(Qt::NoBrush);
            const QRect rect(p.x, y, kSideWidth, kBoxHeight);
            painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
            painter.setPen(secondary);
            painter.drawText(rect, Qt::AlignCenter, p.text);
        }

        // The function: its icon, name, runtime line and layers.
        const int row = m_model->rowOf(TriggerDesignerModel::functionRowId());
        const QModelIndex index = m_model->index(row);
        const bool selected = m_current == TriggerDesignerModel::functionRowId();
        const QRectF frame = QRectF(m_functionRect).adjusted(0.5, 0.5, -0.5, -0.5);
        painter.setPen(QPen(selected ? pal.color(QPalette::Highlight) : line, selected ? 2 : 1));
        QColor fill = pal.color(QPalette::Base);
        if (selected) {
            fill = pal.color(QPalette::Highlight);
            fill.setAlpha(28);
        }
        painter.setBrush(fill);
        painter.drawRoundedRect(frame, kRadius, kRadius);
        const QRect icon(m_functionRect.left() + 12, m_functionRect.top() + 14, 40, 40);
        paintIcon(painter, icon, QString(), Kind::Function);
        const int textLeft = icon.right() + 12;
        const int textWidth = m_functionRect.right() - 12 - textLeft;
        QFont title = font();
        title.setBold(true);
        title.setPointSizeF(font().pointSizeF() * 1.1);
        painter.setFont(title);
        painter.setPen(pal.color(QPalette::Text));
        const QFontMetrics titleMetrics(title);
        painter.drawText(
            QRect(textLeft, icon.top(), textWidth, titleMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            titleMetrics.elidedText(index.data().toString(), Qt::ElideRight, textWidth));
        painter.setFont(font());
        painter.setPen(secondary);
        painter.drawText(
            QRect(textLeft, icon.top() + titleMetrics.height() + 4, textWidth,
                  fontMetrics().height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            fontMetrics().elidedText(index.data(TriggerDesignerModel::DetailRole).toString(),
                                     Qt::ElideRight, textWidth));
        const QStringList layers = index.data(TriggerDesignerModel::LayersRole).toStringList();
        if (!layers.isEmpty()) {
            const QRect layerBox(
                m_functionRect.left() + 12, m_functionRect.top() + kFunctionHeight - 6,
                m_functionRect.width() - 24, 24 + int(layers.size()) * kLayerLineHeight);
            painter.setPen(line);
            painter.setBrush(pal.color(QPalette::AlternateBase));
            painter.drawRoundedRect(QRectF(layerBox).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
            painter.setPen(pal.color(QPalette::Text));
            painter.drawText(layerBox.adjusted(10, 4, -10, 0), Qt::AlignLeft | Qt::AlignTop,
                             tr("Layers (%1)").arg(layers.size()));
            painter.setPen(secondary);
            int y = layerBox.top() + 4 + kLayerLineHeight + 2;
            for (const QString &layer : layers) {
                painter.drawText(
                    QRect(layerBox.left() + 10, y, layerBox.width() - 20, kLayerLineHeight),
                    Qt::AlignLeft | Qt::AlignVCenter,
                    fontMetrics().elidedText(layer, Qt::ElideRight, layerBox.width() - 20));
                y += kLayerLineHeight;
            }
        }
    }
}

void TriggerDesignerDiagram::paintBox(QPainter &painter, const Box &box) const
{
    const QPalette &pal = palette();
    const QModelIndex index = m_model->index(box.row);
    const Kind kind = index.data(TriggerDesignerModel::KindRole).value<Kind>();
    const bool selected = box.id == m_current;
    if (kind == Kind::Destination) {
        const QString key = index.data(TriggerDesignerModel::KeyRole).toString();
        QFont small = font();
        small.setBold(true);
        small.setPointSizeF(font().pointSizeF() * 0.9);
        painter.setFont(small);
        painter.setPen(conditionColour(key));
        painter.drawText(QRect(box.rect.left(), box.rect.top() - kConditionHeight, box.rect.width(),
                               kConditionHeight - 3),
                         Qt::AlignLeft | Qt::AlignBottom,
                         index.data(TriggerDesignerModel::ConditionRole).toString());
    }
    painter.setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
                        selected ? 2 : 1));
    QColor fill = pal.color(QPalette::Base);
    if (selected) {
        fill = pal.color(QPalette::Highlight);
        fill.setAlpha(28);
    }
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(box.rect).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    const QRect icon(box.rect.left() + 12, box.rect.center().y() - kIconSize / 2 + 1, kIconSize,
                     kIconSize);
    paintIcon(painter, icon, index.data(TriggerDesignerModel::TypeRole).toString(), kind);
    const int textLeft = icon.right() + 11;
    const int textWidth = box.rect.right() - 10 - textLeft;
    QFont title = font();
    title.setBold(true);
    const QFontMetrics titleMetrics(title);
    const int lineHeight = titleMetrics.height();
    const int textTop = box.rect.center().y() - lineHeight - 1;
    painter.setFont(title);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRect(textLeft, textTop, textWidth, lineHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     titleMetrics.elidedText(index.data().toString(), Qt::ElideRight, textWidth));
    painter.setFont(font());
    painter.setPen(pal.color(QPalette::PlaceholderText));
    QString detail = index.data(TriggerDesignerModel::DetailRole).toString();
    if (kind == Kind::Trigger) {
        const QString type = index.data(TriggerDesignerModel::TypeRole).toString();
        detail = detail.isEmpty() ? type : type + u" · "_s + detail;
    }
    painter.drawText(QRect(textLeft, textTop + lineHeight + 2, textWidth, fontMetrics().height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(detail, Qt::ElideRight, textWidth));
}

void TriggerDesignerDiagram::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    QString id;
    if (m_functionRect.contains(pos)) {
        id = TriggerDesignerModel::functionRowId();
    }
    for (const Box &box : m_boxes) {
        if (box.rect.contains(pos)) {
            id = box.id;
        }
    }
    Q_EMIT clicked(id);
}

void TriggerDesignerDiagram::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) &&
        !m_current.isEmpty() && m_current != TriggerDesignerModel::functionRowId()) {
        Q_EMIT deleteRequested(m_current);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Lwb
