// The hub's storage account: tables (status, findings, KPIs), blobs (raw pages, deployment
// package), queues (the Functions runtime). No shared-key access: everything by managed identity.
param location string
param stem string

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

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'deployments'
}

output accountName string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deployments.name}'
output tableServiceUri string = account.properties.primaryEndpoints.table
output blobServiceUri string = account.properties.primaryEndpoints.blob
