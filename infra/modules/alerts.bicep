// Alert rules. Each queries telemetry the code emits (names from TelemetryNames, checked by a
// test), except function failures, which also read the platform's own requests table.
// What each means and what to do: docs/runbook.md.
param location string
param stem string
param appInsightsId string
param actionGroupId string
param severity int
param syncIntervalMinutes int

var staleMinutes = 2 * syncIntervalMinutes
var deadTimerMinutes = 3 * syncIntervalMinutes
// A source is stalled when this many of its runs in a row had a stream fail; LGSP runs hourly, so
// the window must hold that many hourly runs.
var stalledRuns = 3
var stalledHours = stalledRuns + 1

var kpis = [
  'full_online_coverage'
  'online_dossier_rate'
  'payment_procedures_with_transaction'
  'online_payment_rate'
  'on_time_rate'
  'late_apology_rate'
  'digitisation_rate'
  'portal_sync_rate'
  'closed_before_result'
  'lgsp_connection_rate'
  'national_services_in_use'
  'workflow_publication_rate'
  'one_stop_rate'
  'vertical_one_stop_rate'
  'linked_same_level_procedures'
  'linked_cross_level_procedures'
  'feedback_handled_rate'
]

var rules = [
  {
    key: 'sync-failed'
    title: 'A sync run failed'
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'customMetrics | where name == "hub.sync.runs" | where tostring(customDimensions.outcome) == "Failed" | summarize failures = sum(valueCount) by source = tostring(customDimensions.source)'
  }
  {
    key: 'sync-stale'
    title: 'No successful sync of a source for twice its schedule'
    window: 'PT${staleMinutes}M'
    frequency: 'PT5M'
    query: 'datatable(source: string)["motcua", "portal", "lgsp"] | join kind=leftouter (customMetrics | where name == "hub.sync.runs" | where tostring(customDimensions.outcome) in ("Succeeded", "Degraded") | summarize succeeded = sum(valueCount) by source = tostring(customDimensions.source)) on source | where isnull(succeeded) or succeeded == 0 | project source'
  }
  {
    key: 'source-down'
    title: 'An upstream system is unreachable or its circuit is open'
    window: 'PT30M'
    frequency: 'PT5M'
    query: 'union (customMetrics | where name == "hub.upstream.circuit" | where value >= 1 | extend system = tostring(customDimensions.system)), (customMetrics | where name == "hub.sync.errors" | where tostring(customDimensions.error_kind) in ("Unreachable", "Timeout", "CircuitOpen", "ServerError") | extend system = tostring(customDimensions.source)) | summarize signals = count() by system | where signals >= 2'
  }
  {
    key: 'snapshot-shrink'
    title: 'A source sent a list that lost too many rows: not applied'
    window: 'PT1H'
    frequency: 'PT15M'
    query: 'customMetrics | where name == "hub.sync.errors" | where tostring(customDimensions.error_kind) == "Shrink" | summarize refused = sum(valueCount) by source = tostring(customDimensions.source)'
  }
  {
    key: 'records-quarantined'
    title: 'Upstream records could not be stored and were quarantined'
    window: 'PT1H'
    frequency: 'PT15M'
    query: 'customMetrics | where name == "hub.sync.quarantined" | summarize quarantined = sum(valueSum) by source = tostring(customDimensions.source), stream = tostring(customDimensions.stream) | where quarantined > 0'
  }
  {
    key: 'source-stalled'
    title: 'A source made no progress: a stream failed in each of its last runs'
    window: 'PT${stalledHours}H'
    frequency: 'PT15M'
    query: 'customMetrics | where name == "hub.sync.runs" | extend source = tostring(customDimensions.source), failed = tostring(customDimensions.streams_failed) | partition hint.strategy=native by source (top ${stalledRuns} by timestamp desc) | summarize runs = count(), progressed = countif(failed == "none") by source | where runs >= ${stalledRuns} and progressed == 0'
  }
  {
    key: 'dead-timer'
    title: 'A timer function did not run'
    window: 'PT${deadTimerMinutes}M'
    frequency: 'PT15M'
    query: 'datatable(function: string)["SyncMotcua", "SyncPortal", "SyncLgsp", "Reconcile"] | join kind=leftouter (customMetrics | where name == "hub.timer.runs" | summarize runs = sum(valueCount) by function = tostring(customDimensions.function)) on function | where isnull(runs) or runs == 0 | project function'
  }
  {
    key: 'function-failures'
    title: 'Function invocations failed or the API answered 5xx'
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'union (requests | where success == false | project timestamp), (customMetrics | where name == "hub.api.responses" | where tostring(customDimensions.status_class) == "5xx" | project timestamp)'
  }
  {
    key: 'run-lost'
    title: 'A requested run failed on every delivery (poison queue) or its worker died (abandoned)'
    window: 'PT1H'
    frequency: 'PT15M'
    query: 'customMetrics | where name in ("hub.runs.poisoned", "hub.runs.abandoned") | summarize runs = sum(valueSum) by metric = name, source = tostring(customDimensions.source)'
  }
  {
    key: 'closed-before-result'
    title: 'Electronic workflows closed before their result (the plan says never)'
    window: 'P1D'
    frequency: 'PT1H'
    query: 'customMetrics | where name == "hub.findings.open" | where tostring(customDimensions.rule) == "CLOSED_BEFORE_RESULT" | where value > 0'
  }
]

resource operational 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-${stem}-${rule.key}'
  location: location
  properties: {
    displayName: rule.title
    description: 'Runbook: docs/runbook.md#${rule.key}'
    severity: severity
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}]

resource kpiBelowTarget 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for kpi in kpis: {
  name: 'alert-${stem}-kpi-${replace(kpi, '_', '-')}'
  location: location
  properties: {
    displayName: 'Province ${kpi} below the plan target'
    description: 'Runbook: docs/runbook.md#kpi-below-target'
    severity: 3
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "hub.kpi.value" | where tostring(customDimensions.kpi) == "${kpi}" | where tostring(customDimensions.met) == "false"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}]
