// The ops view: sync outcomes per source, durations, retries and errors, upstream circuits,
// province KPIs against targets and open findings by rule.
param location string
param stem string
param appInsightsId string

var tiles = [
  {
    title: 'Sync runs by source and outcome'
    query: 'customMetrics | where name == "hub.sync.runs" | summarize runs = sum(valueCount) by bin(timestamp, 1h), source = tostring(customDimensions.source), outcome = tostring(customDimensions.outcome) | render columnchart'
  }
  {
    title: 'Sync duration (s) by source'
    query: 'customMetrics | where name == "hub.sync.duration" | summarize avg(value) by bin(timestamp, 1h), source = tostring(customDimensions.source) | render timechart'
  }
  {
    title: 'Retries and errors by kind'
    query: 'customMetrics | where name in ("hub.sync.retries", "hub.sync.errors") | summarize n = sum(valueSum) by bin(timestamp, 1h), name, error_kind = tostring(customDimensions.error_kind) | render columnchart'
  }
  {
    title: 'Checkpoint lag (s) and circuits'
    query: 'customMetrics | where name in ("hub.sync.checkpoint_lag", "hub.upstream.circuit") | summarize arg_max(timestamp, value) by name, who = coalesce(tostring(customDimensions.source), tostring(customDimensions.system))'
  }
  {
    title: 'Province KPIs against the plan'
    query: 'customMetrics | where name == "hub.kpi.value" | summarize arg_max(timestamp, value, tostring(customDimensions.met)) by kpi = tostring(customDimensions.kpi), period = tostring(customDimensions.period)'
  }
  {
    title: 'Open findings by rule'
    query: 'customMetrics | where name == "hub.findings.open" | summarize arg_max(timestamp, value) by rule = tostring(customDimensions.rule) | order by value desc'
  }
]

var items = [for (tile, i) in tiles: {
  type: 3
  name: 'tile-${i}'
  content: {
    version: 'KqlItem/1.0'
    title: tile.title
    query: tile.query
    queryType: 0
    resourceType: 'microsoft.insights/components'
  }
}]

resource view 'Microsoft.Insights/workbooks@2022-04-01' = {
  name: guid(resourceGroup().id, stem, 'hub-ops-workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: 'Integration Hub operations (${stem})'
    category: 'workbook'
    sourceId: appInsightsId
    serializedData: string({
      version: 'Notebook/1.0'
      items: items
    })
  }
}
