using MudBlazor;

namespace LeadManager.Web.Components.Layout;

/// <summary>A calm clinic look: teal and slate, soft surfaces, nothing shouting.</summary>
public static class ClinicTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F6F78",
            Secondary = "#5C7C8A",
            Tertiary = "#7FB7A4",
            AppbarBackground = "#1F6F78",
            Background = "#F5F8F8",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1E2A30",
            TextSecondary = "#4F5B61",
            Success = "#2E7D5B",
            // Dark enough for white text at 4.5:1 (WCAG AA) on badges and chips.
            Warning = "#9A5B00",
            Error = "#B3261E",
            Info = "#2B6CB0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6CC2BD",
            // Light colours on a dark page take dark text on top of them (WCAG AA 4.5:1).
            PrimaryContrastText = "#0F1A1D",
            SuccessContrastText = "#0F1A1D",
            WarningContrastText = "#0F1A1D",
            ErrorContrastText = "#0F1A1D",
            InfoContrastText = "#0F1A1D",
            Secondary = "#9FB8C3",
            Tertiary = "#7FB7A4",
            AppbarBackground = "#16262B",
            Background = "#0F1A1D",
            Surface = "#16262B",
            DrawerBackground = "#16262B",
            TextPrimary = "#E3EEF0",
            Success = "#5CC495",
            Warning = "#F0B35B",
            Error = "#F2857D",
            Info = "#7DB3F0",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
