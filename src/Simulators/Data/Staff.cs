namespace IntegrationHub.Simulators.Data;

/// <summary>The officials who handle each agency's dossiers: <see cref="PerAgency"/> of them, named from the seed.</summary>
public sealed class Staff
{
    public const int PerAgency = 6;

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu"];
    private static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Vy"];

    private readonly Dictionary<string, StaffInfo[]> byAgency = new(StringComparer.Ordinal);

    public Staff(long seed, IEnumerable<AgencyInfo> agencies)
    {
        var n = 0L;
        foreach (var agency in agencies)
        {
            var officials = new StaffInfo[PerAgency];
            for (var k = 0; k < PerAgency; k++)
            {
                var r = new Rng(seed, Streams.Handler, -1 - n++);
                var name = $"{FamilyNames[r.Next(FamilyNames.Length)]} {MiddleNames[r.Next(MiddleNames.Length)]} {GivenNames[r.Next(GivenNames.Length)]}";
                officials[k] = new StaffInfo($"{agency.Code}.cb{k + 1:D2}", name);
            }
            byAgency[agency.Code] = officials;
        }
    }

    /// <summary>The official of the agency that a roll in [0, 1) picks.</summary>
    public StaffInfo Pick(AgencyInfo agency, double roll) => byAgency[agency.Code][(int)(roll * PerAgency)];
}
