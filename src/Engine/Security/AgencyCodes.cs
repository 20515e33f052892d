namespace IntegrationHub.Engine.Security;

/// <summary>The national electronic-identifier scheme for agency codes, e.g. 000.00.01.H10.</summary>
public static class AgencyCodes
{
    public static bool IsWellFormed(string? code) =>
        code is { Length: 13 } && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) && char.IsAsciiDigit(code[2]) && code[3] == '.'
        && char.IsAsciiDigit(code[4]) && char.IsAsciiDigit(code[5]) && code[6] == '.' && char.IsAsciiDigit(code[7]) && char.IsAsciiDigit(code[8])
        && code[9] == '.' && char.IsAsciiLetterUpper(code[10]) && char.IsAsciiDigit(code[11]) && char.IsAsciiDigit(code[12]);
}
