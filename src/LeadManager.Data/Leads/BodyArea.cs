namespace LeadManager.Data.Leads;

public enum BodyArea
{
    Neck = 1,
    HeadHeadaches = 2,
    Jaw = 3,
    UpperBack = 4,
    LowerBack = 5,
    Shoulder = 6,
    Elbow = 7,
    WristHand = 8,
    Hip = 9,
    Knee = 10,
    AnkleFoot = 11,
    MoreThanOneArea = 12,
    Other = 13,
}

/// <summary>Body areas as a set, for a clinician's specialties.</summary>
[Flags]
public enum BodyAreas
{
    None = 0,
    Neck = 1 << 1,
    HeadHeadaches = 1 << 2,
    Jaw = 1 << 3,
    UpperBack = 1 << 4,
    LowerBack = 1 << 5,
    Shoulder = 1 << 6,
    Elbow = 1 << 7,
    WristHand = 1 << 8,
    Hip = 1 << 9,
    Knee = 1 << 10,
    AnkleFoot = 1 << 11,
    MoreThanOneArea = 1 << 12,
    Other = 1 << 13,
}

public static class BodyAreaSets
{
    public static BodyAreas ToSet(this BodyArea area) => (BodyAreas)(1 << (int)area);

    public static bool Covers(this BodyAreas set, BodyArea area) => (set & area.ToSet()) != 0;
}
