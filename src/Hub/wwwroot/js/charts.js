// Small SVG charts of our own: no charting library to fetch, build or ship, and the pages work offline.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function niceMax(value) {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

// Horizontal bars, one per label, with the count at the end of each bar.
export function barChart(title, items) {
  const rowHeight = 26;
  const labelWidth = 110;
  const width = 420;
  const height = Math.max(1, items.length) * rowHeight + 10;
  const max = Math.max(1, ...items.map((i) => i.value));
  const chart = svg('svg', {
    class: 'chart bar-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, 'data-points': items.length,
  });
  chart.append(svg('title', {}, title));
  items.forEach((item, index) => {
    const y = 5 + index * rowHeight;
    const barWidth = ((width - labelWidth - 50) * item.value) / max;
    chart.append(svg('text', { x: labelWidth - 8, y: y + 17, class: 'chart-label', 'text-anchor': 'end' }, item.label));
    const bar = svg('rect', { x: labelWidth, y: y + 3, width: Math.max(barWidth, item.value > 0 ? 2 : 0), height: rowHeight - 8, class: 'bar', 'data-value': item.value });
    bar.append(svg('title', {}, `${item.label}: ${item.value}`));
    chart.append(bar);
    chart.append(svg('text', { x: labelWidth + barWidth + 6, y: y + 17, class: 'chart-value' }, item.value));
  });
  return figure(title, chart);
}

// One line per series over the same days, with a y axis from 0 and a date tick each week.
export function lineChart(title, days, series) {
  const width = 760;
  const height = 260;
  const pad = { left: 44, right: 16, top: 16, bottom: 40 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (index) => pad.left + (days.length <= 1 ? 0 : (plotWidth * index) / (days.length - 1));
  const y = (value) => pad.top + plotHeight - (plotHeight * value) / max;

  const chart = svg('svg', {
    class: 'chart line-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, 'data-points': days.length,
  });
  chart.append(svg('title', {}, title));
  for (let step = 0; step <= 4; step++) {
    const value = (max * step) / 4;
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value), class: 'grid' }));
    chart.append(svg('text', { x: pad.left - 6, y: y(value) + 4, class: 'chart-axis', 'text-anchor': 'end' }, Math.round(value)));
  }
  days.forEach((day, index) => {
    if (index % 7 === 0 || index === days.length - 1) {
      chart.append(svg('text', { x: x(index), y: height - pad.bottom + 18, class: 'chart-axis', 'text-anchor': 'middle' }, day.label));
    }
  });
  series.forEach((line, seriesIndex) => {
    const points = line.values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    chart.append(svg('polyline', { points, class: `series series-${seriesIndex}`, 'data-series': line.name }));
    const legendX = pad.left + seriesIndex * 170;
    chart.append(svg('rect', { x: legendX, y: height - 14, width: 14, height: 4, class: `legend series-${seriesIndex}` }));
    chart.append(svg('text', { x: legendX + 20, y: height - 9, class: 'chart-label' }, line.name));
  });
  return figure(title, chart);
}

function figure(title, chart) {
  const node = document.createElement('figure');
  node.className = 'chart-figure';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  node.append(caption, chart);
  return node;
}
