namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The small, fixed part of the simulated province: agencies through the 2025 reorganisation, the
/// procedure catalogue, LGSP applications and data services. Built once from the seed.
/// </summary>
public sealed class Province
{
    public static readonly DateOnly DepartmentMerger = new(2025, 3, 1);
    public static readonly DateOnly Reorganisation = new(2025, 7, 1);
    private static readonly DateOnly LongAgo = new(2020, 1, 1);

    private readonly Dictionary<string, AgencyInfo> agencyByCode;
    private readonly Dictionary<string, ProcedureInfo> procedureByCode;

    public IReadOnlyList<AgencyInfo> Agencies { get; }
    public IReadOnlyList<ProcedureInfo> Procedures { get; }
    public IReadOnlyList<ApplicationInfo> Applications { get; }
    public IReadOnlyList<DataServiceInfo> DataServices { get; }

    /// <summary>Procedures that receive dossiers (vertical-sector ones are run outside the province).</summary>
    public IReadOnlyList<ProcedureInfo> DossierProcedures { get; }

    /// <summary>Procedures the portal lists that the province has not configured (<see cref="NationalCatalogue"/>).</summary>
    public IReadOnlyList<ProcedureInfo> UnconfiguredProcedures { get; }

    /// <summary>Payment-enabled procedures that must show at least one online payment: each gets a guaranteed one.</summary>
    public IReadOnlyList<ProcedureInfo> GuaranteedPaymentProcedures { get; }

    public AgencyInfo ProvinceBefore { get; }
    public AgencyInfo ProvinceAfter { get; }
    public IReadOnlyList<AgencyInfo> Districts { get; }
    public IReadOnlyList<AgencyInfo> OldCommunes { get; }
    public IReadOnlyList<AgencyInfo> NewCommunes { get; }
    public IReadOnlyList<AgencyInfo> CurrentDepartments { get; }

    private static readonly (string Key, string Name)[] DepartmentsBefore =
    [
        ("NV", "Sở Nội vụ"), ("TP", "Sở Tư pháp"), ("KHDT", "Sở Kế hoạch và Đầu tư"), ("TC", "Sở Tài chính"),
        ("CT", "Sở Công Thương"), ("NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"), ("GTVT", "Sở Giao thông vận tải"),
        ("XD", "Sở Xây dựng"), ("TNMT", "Sở Tài nguyên và Môi trường"), ("TTTT", "Sở Thông tin và Truyền thông"),
        ("LDTBXH", "Sở Lao động - Thương binh và Xã hội"), ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("KHCN", "Sở Khoa học và Công nghệ"), ("GDDT", "Sở Giáo dục và Đào tạo"), ("YT", "Sở Y tế"),
        ("BQL", "Ban Quản lý các khu công nghiệp"),
    ];

    // The March 2025 department mergers: the absorbed department's work moved to the key on the right.
    private static readonly Dictionary<string, string> MergedInto = new()
    {
        ["KHDT"] = "TC", ["GTVT"] = "XD", ["TTTT"] = "KHCN", ["LDTBXH"] = "NV", ["NNPTNT"] = "NNMT", ["TNMT"] = "NNMT",
    };

    private static readonly string[] DistrictNames =
    [
        "Thành phố Phan Thiết", "Thị xã La Gi", "Huyện Tuy Phong", "Huyện Bắc Bình", "Huyện Hàm Thuận Bắc",
        "Huyện Hàm Thuận Nam", "Huyện Tánh Linh", "Huyện Đức Linh", "Huyện Hàm Tân", "Huyện Phú Quý",
    ];

    private static readonly (string Name, string DepartmentKey)[] Fields =
    [
        ("Hộ tịch", "TP"), ("Chứng thực", "TP"), ("Lý lịch tư pháp", "TP"), ("Đất đai", "TNMT"), ("Môi trường", "TNMT"),
        ("Thành lập và hoạt động doanh nghiệp", "KHDT"), ("Đầu tư", "KHDT"), ("Hoạt động xây dựng", "XD"),
        ("Đường bộ", "GTVT"), ("Việc làm", "LDTBXH"), ("Người có công", "LDTBXH"), ("Bảo trợ xã hội", "LDTBXH"),
        ("Khám bệnh, chữa bệnh", "YT"), ("Dược phẩm", "YT"), ("Giáo dục và Đào tạo", "GDDT"), ("Văn hóa", "VHTTDL"),
        ("Du lịch", "VHTTDL"), ("Thương mại", "CT"), ("Điện", "CT"), ("Trồng trọt", "NNPTNT"), ("Thủy sản", "NNPTNT"),
        ("Báo chí, xuất bản", "TTTT"), ("Khoa học và công nghệ", "KHCN"), ("Quản lý công sản", "TC"),
        ("Công chức, viên chức", "NV"), ("Thi đua, khen thưởng", "NV"), ("Khu công nghiệp", "BQL"),
    ];

    private static readonly string[] NationalServices =
    [
        "Cơ sở dữ liệu quốc gia về dân cư", "Cơ sở dữ liệu đăng ký doanh nghiệp", "Cơ sở dữ liệu hộ tịch điện tử",
        "Cơ sở dữ liệu bảo hiểm", "Cơ sở dữ liệu đất đai quốc gia", "Cơ sở dữ liệu lý lịch tư pháp",
        "Nền tảng thanh toán trực tuyến", "Cơ sở dữ liệu giấy phép lái xe", "Cơ sở dữ liệu thuế",
        "Cơ sở dữ liệu văn bản quy phạm pháp luật", "Cơ sở dữ liệu người có công", "Cơ sở dữ liệu cán bộ, công chức",
        "Hệ thống định danh và xác thực điện tử", "Cơ sở dữ liệu đăng ký phương tiện", "Cơ sở dữ liệu y tế",
        "Cơ sở dữ liệu giáo dục và đào tạo",
    ];

    public Province(SimulatorOptions options)
    {
        var seed = options.Seed;
        var agencies = new List<AgencyInfo>();
        var lastBefore = Reorganisation.AddDays(-1);
        var lastBeforeMerger = DepartmentMerger.AddDays(-1);

        ProvinceBefore = new AgencyInfo("000.00.00.H10", "Ủy ban nhân dân tỉnh Bình Thuận", Level.Province, null, LongAgo, lastBefore, "000.00.00.H38");
        ProvinceAfter = new AgencyInfo("000.00.00.H38", "Ủy ban nhân dân tỉnh Lâm Đồng", Level.Province, null, Reorganisation, null, null);
        agencies.Add(ProvinceBefore);
        agencies.Add(ProvinceAfter);

        // Departments: Bình Thuận's until the March merger or the July province merger, then Lâm Đồng's.
        var keysAfterMerger = DepartmentsBefore.Select(d => d.Key).Where(k => !MergedInto.ContainsKey(k)).Append("NNMT").ToList();
        var afterCodes = new Dictionary<string, string>();
        var currentDepartments = new List<AgencyInfo>();
        for (var i = 0; i < keysAfterMerger.Count; i++)
        {
            var key = keysAfterMerger[i];
            var code = $"000.00.{i + 1:D2}.H38";
            afterCodes[key] = code;
            var name = key == "NNMT" ? "Sở Nông nghiệp và Môi trường" : DepartmentsBefore.First(d => d.Key == key).Name;
            var agency = new AgencyInfo(code, name + " tỉnh Lâm Đồng", Level.Department, ProvinceAfter.Code, Reorganisation, null, null);
            currentDepartments.Add(agency);
        }
        var beforeCodes = new Dictionary<string, string>();
        for (var i = 0; i < DepartmentsBefore.Length; i++)
        {
            var (key, name) = DepartmentsBefore[i];
            beforeCodes[key] = $"000.00.{i + 1:D2}.H10";
        }
        beforeCodes["NNMT"] = $"000.00.{DepartmentsBefore.Length + 1:D2}.H10";
        foreach (var (key, name) in DepartmentsBefore)
        {
            var merged = MergedInto.TryGetValue(key, out var into);
            agencies.Add(new AgencyInfo(beforeCodes[key], name + " tỉnh Bình Thuận", Level.Department, ProvinceBefore.Code, LongAgo,
                merged ? lastBeforeMerger : lastBefore, merged ? beforeCodes[into!] : afterCodes[key]));
        }
        agencies.Add(new AgencyInfo(beforeCodes["NNMT"], "Sở Nông nghiệp và Môi trường tỉnh Bình Thuận", Level.Department,
            ProvinceBefore.Code, DepartmentMerger, lastBefore, afterCodes["NNMT"]));
        agencies.AddRange(currentDepartments);
        CurrentDepartments = currentDepartments;

        // 121 communes under 10 districts until 30 June 2025, then 45 merged communes directly under the province.
        var newCommunes = Enumerable.Range(0, 45)
            .Select(j => new AgencyInfo($"000.{j + 1:D2}.00.H38", $"Ủy ban nhân dân xã {CommuneName(seed, 1000 + j)}", Level.Commune,
                ProvinceAfter.Code, Reorganisation, null, null))
            .ToList();
        var districts = new List<AgencyInfo>();
        var oldCommunes = new List<AgencyInfo>();
        var communeOrdinal = 0;
        for (var d = 0; d < DistrictNames.Length; d++)
        {
            var districtCode = $"000.00.{31 + d:D2}.H10";
            var count = d < 1 ? 13 : 12; // 13 + 9 * 12 = 121
            var firstNew = d * 45 / DistrictNames.Length;
            districts.Add(new AgencyInfo(districtCode, "Ủy ban nhân dân " + DistrictNames[d], Level.District, ProvinceBefore.Code,
                LongAgo, lastBefore, newCommunes[firstNew].Code));
            for (var c = 0; c < count; c++)
            {
                // Neighbouring communes of a district merge into the same new commune (121 -> 45).
                var target = newCommunes[Math.Min(44, (communeOrdinal * 45) / 121)];
                oldCommunes.Add(new AgencyInfo($"000.{c + 1:D2}.{31 + d:D2}.H10", $"Ủy ban nhân dân xã {CommuneName(seed, communeOrdinal)}",
                    Level.Commune, districtCode, LongAgo, lastBefore, target.Code));
                communeOrdinal++;
            }
        }
        agencies.AddRange(districts);
        agencies.AddRange(oldCommunes);
        agencies.AddRange(newCommunes);
        Districts = districts;
        OldCommunes = oldCommunes;
        NewCommunes = newCommunes;
        Agencies = agencies;
        agencyByCode = agencies.ToDictionary(a => a.Code);

        // Field -> the department in charge before the March merger (successors are followed by date).
        var fieldOrigin = Fields.Select(f => beforeCodes[f.DepartmentKey]).ToArray();

        var fieldNames = Fields.Select(f => f.Name).ToArray();
        var procedures = ProcedureCatalogue.Build(options, fieldNames, fieldOrigin);
        Procedures = procedures;
        procedureByCode = procedures.ToDictionary(p => p.Code);
        DossierProcedures = procedures.Where(p => !p.Vertical).ToList();
        UnconfiguredProcedures = NationalCatalogue.Unconfigured(DossierProcedures, seed, options);
        GuaranteedPaymentProcedures = procedures.Where(p => p.OnlinePayment && p.Plant != Rules.PaymentEnabledNoTransaction).ToList();

        // LGSP: applications of the agencies that exist today (each a few seeded draws of its own), and the data-service catalogue.
        var today = VietnamTime.Date(options.InitialNow);
        var current = agencies.Where(a => a.ValidOn(today)).ToList();
        Applications = ApplicationCatalogue.Build(options, current);

        var services = DataServiceCatalogue.Build(options, NationalServices, fieldNames, currentDepartments, current);
        DataServices = services;
    }

    public AgencyInfo? FindAgency(string code) => agencyByCode.GetValueOrDefault(code);

    public ProcedureInfo? FindProcedure(string code) => procedureByCode.GetValueOrDefault(code);

    /// <summary>Follows successors from an agency to the one in office on a given day.</summary>
    public AgencyInfo ResolveOn(string code, DateOnly day)
    {
        var agency = agencyByCode[code];
        while (!agency.ValidOn(day) && agency.SuccessorCode is not null && agency.ValidTo < day)
        {
            agency = agencyByCode[agency.SuccessorCode];
        }
        return agency;
    }

    /// <summary>The agencies that receive a procedure's dossiers on a given day.</summary>
    public IReadOnlyList<AgencyInfo> ReceiversOn(ProcedureInfo procedure, DateOnly day)
    {
        if (procedure.Level == Level.Province)
        {
            return [ResolveOn(procedure.LeadAgencyOrigin, day)];
        }
        if (day >= Reorganisation)
        {
            return NewCommunes; // district-level work moved to the merged communes
        }
        return procedure.Level == Level.District ? Districts : OldCommunes;
    }

    private static readonly string[] Syllables =
    [
        "An", "Bình", "Phú", "Hòa", "Tân", "Thạnh", "Long", "Hải", "Đức", "Minh", "Thuận", "Phước", "Lộc", "Sơn",
        "Hưng", "Thành", "Lạc", "Vĩnh", "Gia", "Mỹ", "Nghị", "Đông", "Tây", "Nam", "Bắc", "Lương", "Hiệp", "Xuân",
    ];

    private static string CommuneName(long seed, int ordinal)
    {
        var r = new Rng(seed, Streams.Name, ordinal);
        return $"{Syllables[r.Next(Syllables.Length)]} {Syllables[r.Next(Syllables.Length)]} {ordinal + 1}";
    }
}
