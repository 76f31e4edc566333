namespace LeadManager.Data.Sites;

/// <summary>Whose UK bank holidays close a site. None: the site opens on bank holidays.</summary>
public enum BankHolidayRegion
{
    EnglandAndWales = 0,
    Scotland = 1,
    NorthernIreland = 2,
    None = 3,
}
