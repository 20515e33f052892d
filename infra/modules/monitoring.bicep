// Log Analytics, workspace-based Application Insights and the ops team's action group.
param location string
param stem string
param retentionDays int
param alertEmails array
param alertSms array
param alertWebhooks array

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${stem}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${stem}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

resource opsTeam 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${stem}'
  location: 'global'
  properties: {
    groupShortName: take('hub${stem}', 12)
    enabled: true
    emailReceivers: [for (address, i) in alertEmails: {
      name: 'email-${i}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
    smsReceivers: [for (sms, i) in alertSms: {
      name: 'sms-${i}'
      countryCode: sms.countryCode
      phoneNumber: sms.phoneNumber
    }]
    webhookReceivers: [for (url, i) in alertWebhooks: {
      name: 'webhook-${i}'
      serviceUri: url
      useCommonAlertSchema: true
    }]
  }
}

output workspaceId string = workspace.id
output appInsightsId string = insights.id
output appInsightsConnectionString string = insights.properties.ConnectionString
output actionGroupId string = opsTeam.id
