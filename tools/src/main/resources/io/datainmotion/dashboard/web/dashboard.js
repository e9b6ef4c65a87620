// The live dashboard. Every value from the server is put on the page with textContent or as a
// chart point, never parsed as HTML: tweets and sensor ids are untrusted input.
(function () {
  'use strict';

  const RECONNECT_MS = 1000;
  const RATE_POINTS = 150;
  const COLORS = { positive: '#1f7a3a', negative: '#b3261e', neutral: '#5b6570', polarity: '#6a3fb5' };
  const TOPIC_COLORS = ['#2f6db5', '#1f7a3a', '#b3261e', '#c98a00', '#6a3fb5', '#00838f', '#5b6570', '#ad1457'];

  // The last value drawn of each part of the page: a part whose data did not move is not drawn again,
  // so a snapshot that only brings new tweets costs the browser one table.
  const drawn = new Map();
  let trendsPlot = null;
  let ratesPlot = null;
  let ratesTopics = '';
  const rateHistory = { sampledAt: 0, times: [], byTopic: new Map() };
  let historyPlot = null;
  let selectedSensor = null;
  let threshold = null;

  function byId(id) { return document.getElementById(id); }

  function setConnection(state, text) {
    const badge = byId('connection');
    badge.dataset.state = state;
    badge.textContent = text;
  }

  function connect() {
    const events = new EventSource('events');
    events.addEventListener('open', () => setConnection('live', 'live'));
    events.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
    events.addEventListener('error', () => {
      // The browser would retry on its own only for some failures; a fresh EventSource always does.
      events.close();
      setConnection('reconnecting', 'reconnecting…');
      setTimeout(connect, RECONNECT_MS);
    });
  }

  // Tables are updated in place, a cell's text or class written only when it changed: rebuilding them
  // every snapshot made the browser lay out and paint the whole page each time.
  function cell(cursor, text, className) {
    const td = cursor.row.cells[cursor.next] || cursor.row.insertCell();
    cursor.next += 1;
    setText(td, text);
    const wanted = className || '';
    if (td.className !== wanted) { td.className = wanted; }
  }

  function fillTable(id, items, fill) {
    const body = byId(id);
    items.forEach((item, i) => fill({ row: body.rows[i] || body.insertRow(), next: 0 }, item));
    while (body.rows.length > items.length) { body.deleteRow(-1); }
  }

  function setText(element, text) {
    if (element.textContent !== text) { element.textContent = text; }
  }

  function changed(part, value) {
    const json = JSON.stringify(value);
    if (drawn.get(part) === json) { return false; }
    drawn.set(part, json);
    return true;
  }

  function signed(x, digits) { return (x >= 0 ? '+' : '') + x.toFixed(digits); }
  function rate(x) { return x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1); }
  function time(ms) { return new Date(ms).toISOString().substring(11, 19); }

  function width(id) { return Math.max(320, byId(id).clientWidth); }

  function render(snapshot) {
    document.body.dataset.version = String(snapshot.version);
    renderSentiment(snapshot.sentiment);
    renderSensors(snapshot.sensors);
    renderHealth(snapshot.health);
  }

  function renderSentiment(sentiment) {
    for (const label of ['positive', 'negative', 'neutral']) {
      setText(byId('count-' + label), String(sentiment.counts[label] || 0));
    }
    if (changed('tweets', sentiment.latest)) {
      fillTable('tweets', sentiment.latest, (cursor, tweet) => {
        cell(cursor, tweet.sentiment, tweet.sentiment);
        cell(cursor, signed(tweet.polarity, 3), 'number');
        cell(cursor, tweet.text, 'tweet');
      });
    }
    if (changed('hashtags', sentiment.hashtags)) {
      fillTable('hashtags', sentiment.hashtags, (cursor, tag) => {
        cell(cursor, '#' + tag.hashtag);
        cell(cursor, String(tag.count), 'number');
        cell(cursor, signed(tag.meanPolarity, 2), 'number');
      });
    }
    const trends = sentiment.trends;
    if (!changed('trends', trends) && trendsPlot) { return; }
    const data = [
      trends.map((w) => w.windowStart / 1000),
      trends.map((w) => w.positive),
      trends.map((w) => w.negative),
      trends.map((w) => w.neutral),
      trends.map((w) => w.meanPolarity),
    ];
    if (!trendsPlot) {
      trendsPlot = new uPlot({
        width: width('trends-chart'), height: 220,
        scales: { x: { time: true }, polarity: { range: [-1, 1] } },
        series: [
          {},
          { label: 'positive', stroke: COLORS.positive, width: 2 },
          { label: 'negative', stroke: COLORS.negative, width: 2 },
          { label: 'neutral', stroke: COLORS.neutral, width: 2 },
          { label: 'mean polarity', stroke: COLORS.polarity, dash: [6, 4], scale: 'polarity' },
        ],
        axes: [{}, { label: 'tweets' }, { side: 1, scale: 'polarity', grid: { show: false } }],
      }, data, byId('trends-chart'));
    } else {
      trendsPlot.setData(data);
    }
    byId('trends-chart').dataset.windows = String(trends.length);
  }

  function renderSensors(sensors) {
    if (!changed('sensors', sensors)) { return; }
    threshold = sensors.threshold;
    byId('threshold').textContent = String(threshold);
    byId('sensor-total').textContent = String(sensors.total);
    const buttons = document.createDocumentFragment();
    for (const latest of sensors.grid) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.sensor = latest.sensorId;
      button.className = latest.mean > threshold ? 'hot' : latest.mean > threshold - 2 ? 'warm' : 'cold';
      if (latest.sensorId === selectedSensor) { button.classList.add('selected'); }
      button.title = latest.sensorId + ': ' + latest.readings + ' readings, '
        + Math.round(100 * latest.fractionAboveThreshold) + '% above the threshold';
      const name = document.createElement('span');
      name.textContent = latest.sensorId;
      const mean = document.createElement('span');
      mean.className = 'mean';
      mean.textContent = latest.mean.toFixed(2) + ' °C';
      button.append(name, mean);
      button.addEventListener('click', () => showHistory(latest.sensorId));
      buttons.appendChild(button);
    }
    byId('sensor-grid').replaceChildren(buttons);
    fillTable('alerts', sensors.alerts, (cursor, alert) => {
      cell(cursor, alert.sensorId);
      cell(cursor, time(alert.windowStart) + '–' + time(alert.windowEnd));
      cell(cursor, Math.round(100 * alert.fractionAboveThreshold) + '%', 'number');
      cell(cursor, Number.isFinite(alert.meanTemperature) ? alert.meanTemperature.toFixed(2) : '', 'number');
    });
  }

  function showHistory(sensorId) {
    selectedSensor = sensorId;
    for (const button of byId('sensor-grid').children) {
      button.classList.toggle('selected', button.dataset.sensor === sensorId);
    }
    byId('history-title').textContent = 'History of ' + sensorId + ': loading…';
    fetch('api/sensors/' + encodeURIComponent(sensorId) + '/history')
      .then((response) => {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then((windows) => {
        if (sensorId !== selectedSensor) { return; }
        byId('history-title').textContent = 'History of ' + sensorId + ': ' + windows.length + ' windows';
        const data = [
          windows.map((w) => w.windowStart / 1000),
          windows.map((w) => w.mean),
          windows.map((w) => w.min),
          windows.map((w) => w.max),
          windows.map(() => threshold),
        ];
        if (historyPlot) { historyPlot.destroy(); }
        historyPlot = new uPlot({
          width: width('history-chart'), height: 220,
          scales: { x: { time: true } },
          series: [
            {},
            { label: 'mean °C', stroke: '#2f6db5', width: 2 },
            { label: 'min', stroke: '#8fb3e0' },
            { label: 'max', stroke: '#e08f8f' },
            { label: 'threshold', stroke: '#b3261e', dash: [4, 4] },
          ],
        }, data, byId('history-chart'));
        byId('history-chart').dataset.points = String(windows.length);
      })
      .catch((error) => {
        byId('history-title').textContent = 'History of ' + sensorId + ' unavailable: ' + error.message;
      });
  }

  function renderHealth(health) {
    if (!changed('health', health)) { return; }
    fillTable('topics', health.topics, (cursor, topic) => {
      cell(cursor, topic.topic);
      cell(cursor, topic.records.toLocaleString('en'), 'number');
      cell(cursor, rate(topic.inPerSecond), 'number');
      cell(cursor, rate(topic.outPerSecond), 'number');
    });
    fillTable('groups', health.groups, (cursor, group) => {
      cell(cursor, group.group);
      cell(cursor, group.topic);
      cell(cursor, group.lag.toLocaleString('en'), 'number');
      cell(cursor, rate(group.consumedPerSecond), 'number');
    });
    fillTable('dead-letters', health.deadLetters, (cursor, dead) => {
      cell(cursor, dead.source);
      cell(cursor, dead.reason);
      cell(cursor, dead.count.toLocaleString('en'), 'number');
    });
    setText(byId('storm-status'), '(' + health.storm + ')');
    fillTable('components', health.components, (cursor, c) => {
      cell(cursor, c.topology);
      cell(cursor, c.component);
      cell(cursor, c.type);
      cell(cursor, String(c.executors), 'number');
      cell(cursor, c.emitted.toLocaleString('en'), 'number');
      cell(cursor, c.acked.toLocaleString('en'), 'number');
      cell(cursor, c.failed.toLocaleString('en'), 'number');
      cell(cursor, c.type === 'bolt' ? c.capacity.toFixed(3) : '', 'number');
      cell(cursor, c.latencyMs.toFixed(2), 'number');
    });
    renderRates(health.sampledAt, health.topics);
  }

  function renderRates(sampledAt, topics) {
    if (topics.length === 0 || sampledAt === rateHistory.sampledAt) { return; }
    rateHistory.sampledAt = sampledAt;
    rateHistory.times.push(sampledAt / 1000);
    for (const topic of topics) {
      if (!rateHistory.byTopic.has(topic.topic)) {
        rateHistory.byTopic.set(topic.topic, new Array(rateHistory.times.length - 1).fill(null));
      }
    }
    for (const [name, values] of rateHistory.byTopic) {
      const topic = topics.find((t) => t.topic === name);
      values.push(topic ? topic.inPerSecond : null);
    }
    if (rateHistory.times.length > RATE_POINTS) {
      rateHistory.times.shift();
      for (const values of rateHistory.byTopic.values()) { values.shift(); }
    }
    const names = [...rateHistory.byTopic.keys()].sort();
    const data = [rateHistory.times, ...names.map((n) => rateHistory.byTopic.get(n))];
    if (names.join('\n') !== ratesTopics) {
      ratesTopics = names.join('\n');
      if (ratesPlot) { ratesPlot.destroy(); }
      ratesPlot = new uPlot({
        width: width('rates-chart'), height: 220,
        scales: { x: { time: true } },
        series: [{}, ...names.map((n, i) => ({ label: n, stroke: TOPIC_COLORS[i % TOPIC_COLORS.length], width: 1.5 }))],
        axes: [{}, { label: 'records/s' }],
      }, data, byId('rates-chart'));
    } else {
      ratesPlot.setData(data);
    }
  }

  connect();
}());
