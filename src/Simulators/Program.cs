using IntegrationHub.Simulators;

var app = SimulatorApp.Build(args);
app.Run();
