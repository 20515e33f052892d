// The Integration Hub in Azure: Function App on Flex Consumption, storage reached by managed
// identity, Key Vault for upstream credentials, Log Analytics + Application Insights, alerts and
// a workbook. Deploy: `azd up` (azure.yaml, infra/main.parameters.json), or
// az deployment group create -g <group> -f infra/main.bicep -p environment=prod ...
targetScope = 'resourceGroup'

@description('dev or prod: names, retention and alert severity follow it.')
@allowed([
  'dev'
  'prod'
])
param environment string = 'dev'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short name stem (letters and digits) for the resources.')
@minLength(3)
@maxLength(10)
param name string = 'ihub'

@description('E-mail addresses the action group notifies.')
param alertEmails array = []

@description('SMS recipients: objects with countryCode and phoneNumber.')
param alertSms array = []

@description('Webhook URLs (e.g. the ops chat) the action group calls.')
param alertWebhooks array = []

@description('Upstream systems: base URLs and non-secret identifiers. Secrets go into the Key Vault (see docs/runbook.md).')
param motcuaBaseUrl string
param portalBaseUrl string
param portalUsername string
param portalUnitCode string
param lgspBaseUrl string
param lgspClientId string

@description('Timer schedules, six-field NCRONTAB in UTC.')
param syncMotcuaSchedule string = '0 */15 * * * *'
param syncPortalSchedule string = '0 5-59/15 * * * *'
param syncLgspSchedule string = '0 10 * * * *'
param reconcileSchedule string = '0 10-59/15 * * * *'

@description('The most Function App instances Flex Consumption scales out to; run requests are shared among them.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Minutes between timer runs: "no success for twice its schedule" and "dead timer" alerts use it.')
param syncIntervalMinutes int = 15

var stem = '${name}${environment}'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    stem: stem
    retentionDays: environment == 'prod' ? 90 : 30
    alertEmails: alertEmails
    alertSms: alertSms
    alertWebhooks: alertWebhooks
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    stem: stem
    rawRetentionDays: environment == 'prod' ? 90 : 30
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    stem: stem
    workspaceId: monitoring.outputs.workspaceId
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    stem: stem
    storageAccountName: storage.outputs.accountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableServiceUri: storage.outputs.tableServiceUri
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    runQueueName: storage.outputs.runQueueName
    maximumInstanceCount: maximumInstanceCount
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    vaultName: vault.outputs.vaultName
    motcuaBaseUrl: motcuaBaseUrl
    portalBaseUrl: portalBaseUrl
    portalUsername: portalUsername
    portalUnitCode: portalUnitCode
    lgspBaseUrl: lgspBaseUrl
    lgspClientId: lgspClientId
    syncMotcuaSchedule: syncMotcuaSchedule
    syncPortalSchedule: syncPortalSchedule
    syncLgspSchedule: syncLgspSchedule
    reconcileSchedule: reconcileSchedule
  }
}

module permissions 'modules/permissions.bicep' = {
  name: 'permissions'
  params: {
    storageAccountName: storage.outputs.accountName
    vaultName: vault.outputs.vaultName
    principalId: app.outputs.principalId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    stem: stem
    appInsightsId: monitoring.outputs.appInsightsId
    actionGroupId: monitoring.outputs.actionGroupId
    severity: environment == 'prod' ? 1 : 3
    syncIntervalMinutes: syncIntervalMinutes
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    location: location
    stem: stem
    appInsightsId: monitoring.outputs.appInsightsId
  }
}

output functionAppName string = app.outputs.functionAppName
output keyVaultName string = vault.outputs.vaultName
output storageAccountName string = storage.outputs.accountName

// Read by azd after provisioning (azure.yaml): where it deploys the service 'hub'.
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
