// The hub's storage account: tables (status, findings, KPIs), blobs (raw pages, deployment
// package), queues (the Functions runtime). No shared-key access: everything by managed identity.
param location string
param stem string

@description('Days a deleted or overwritten raw page (and a deleted container) stays recoverable.')
@minValue(1)
@maxValue(365)
param rawRetentionDays int

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${stem}${uniqueString(resourceGroup().id)}', 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

// The raw-page archive is the evidence behind every finding: a deleted or overwritten page stays
// recoverable (blob and container soft delete, versioning) for rawRetentionDays.
resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: rawRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: rawRetentionDays
    }
  }
}

// Versioning keeps every version until told otherwise: previous versions go after the retention,
// and staged rows (hub-staging, deleted by the sync that wrote them) leave nothing behind for long.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: rawRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'expire-staging'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'hub-staging/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 7
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'deployments'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Requested runs (HTTP, timers) and where a request that failed on every delivery goes. The names
// follow Storage__Prefix ('hub', functionapp.bicep): {prefix}-runs, and the Functions host's {queue}-poison.
resource runQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'hub-runs'
}

resource runPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'hub-runs-poison'
}

output accountName string = account.name
output runQueueName string = runQueue.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deployments.name}'
output tableServiceUri string = account.properties.primaryEndpoints.table
output blobServiceUri string = account.properties.primaryEndpoints.blob
output queueServiceUri string = account.properties.primaryEndpoints.queue
