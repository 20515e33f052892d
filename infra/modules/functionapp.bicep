// The Function App: Flex Consumption, Linux, .NET isolated, system-assigned identity; storage and
// the deployment package by identity, upstream secrets by Key Vault reference.
param location string
param stem string
param storageAccountName string
param deploymentContainerUrl string
param tableServiceUri string
param blobServiceUri string
param queueServiceUri string
@description('The run queue (storage.bicep): the RunRequested function reads it; the hub writes it as {Storage__Prefix}-runs.')
param runQueueName string
@description('The most instances Flex Consumption may scale out to: each takes run requests from the queue.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int
@secure()
param appInsightsConnectionString string
param vaultName string
param motcuaBaseUrl string
param portalBaseUrl string
param portalUsername string
param portalUnitCode string
param lgspBaseUrl string
param lgspClientId string
param syncMotcuaSchedule string
param syncPortalSchedule string
param syncLgspSchedule string
param reconcileSchedule string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${stem}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var secret = '@Microsoft.KeyVault(VaultName=${vaultName};SecretName='

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${stem}-${uniqueString(resourceGroup().id)}'
  location: location
  // azd deploys the service 'hub' of azure.yaml to the app with this tag.
  tags: {
    'azd-service-name': 'hub'
  }
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'HubStorage__tableServiceUri', value: tableServiceUri }
        { name: 'HubStorage__blobServiceUri', value: blobServiceUri }
        { name: 'HubStorage__queueServiceUri', value: queueServiceUri }
        { name: 'Storage__Prefix', value: 'hub' }
        { name: 'RunQueue', value: runQueueName }
        { name: 'SyncMotcuaSchedule', value: syncMotcuaSchedule }
        { name: 'SyncPortalSchedule', value: syncPortalSchedule }
        { name: 'SyncLgspSchedule', value: syncLgspSchedule }
        { name: 'ReconcileSchedule', value: reconcileSchedule }
        { name: 'Motcua__BaseUrl', value: motcuaBaseUrl }
        { name: 'Motcua__ApiKey', value: '${secret}motcua-api-key)' }
        { name: 'Api__ContinuationKey', value: '${secret}api-continuation-key)' }
        { name: 'Api__CacheSeconds', value: '5' }
        { name: 'Motcua__PageSize', value: '2000' }
        { name: 'Portal__BaseUrl', value: portalBaseUrl }
        { name: 'Portal__Username', value: portalUsername }
        { name: 'Portal__Password', value: '${secret}portal-password)' }
        { name: 'Portal__UnitCode', value: portalUnitCode }
        { name: 'Portal__PageSize', value: '2000' }
        { name: 'Lgsp__BaseUrl', value: lgspBaseUrl }
        { name: 'Lgsp__AuthScheme', value: 'OAuthClientCredentials' }
        { name: 'Lgsp__ClientId', value: lgspClientId }
        { name: 'Lgsp__ClientSecret', value: '${secret}lgsp-client-secret)' }
        { name: 'Resilience__RetryCount', value: '4' }
        { name: 'Resilience__BaseDelay', value: '00:00:00.500' }
        { name: 'Resilience__MaxDelay', value: '00:00:30' }
        { name: 'Resilience__MaxRetryAfter', value: '00:02:00' }
        { name: 'Resilience__PerTryTimeout', value: '00:01:00' }
        { name: 'Resilience__BreakAfter', value: '5' }
        { name: 'Resilience__BreakFor', value: '00:01:00' }
        { name: 'Resilience__MalformedPageRetries', value: '3' }
        { name: 'Resilience__MaxResponseBytes', value: '67108864' }
        { name: 'Sync__InitialWatermark', value: '2024-01-01T00:00:00+07:00' }
        { name: 'Sync__Overlap', value: '00:10:00' }
        { name: 'Sync__FlushSize', value: '20000' }
        { name: 'Sync__StageFlushSize', value: '250000' }
        { name: 'Sync__MaxSnapshotShrink', value: '0.2' }
        { name: 'Sync__MaxBackfill', value: '366.00:00:00' }
        { name: 'Sync__MaxPagesPerRun', value: '50000' }
        { name: 'Sync__WriteParallelism', value: '8' }
        { name: 'Sync__ArchiveRawPages', value: 'true' }
        { name: 'Sync__LeaseDuration', value: '00:02:00' }
        { name: 'Reconciliation__Grace', value: '1.00:00:00' }
        { name: 'Reconciliation__PeriodStart', value: '2024-01-01T00:00:00+07:00' }
        { name: 'Reconciliation__FailureThreshold', value: '0.1' }
        { name: 'Reconciliation__FailureWindow', value: '1.00:00:00' }
        { name: 'Reconciliation__BucketsPerItem', value: '8' }
      ]
    }
  }
}

// No basic (user name and password) publishing: deployments go through the identity only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = site.name
output principalId string = site.identity.principalId
