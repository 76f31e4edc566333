using LeadManager.Data.Leads;

namespace LeadManager.Tests.TestSupport;

/// <summary>Valid details for the call outcomes that need them: a booked assessment and a referral.</summary>
internal static class OutcomeDetails
{
    public static readonly AssessmentBookingDetails Booking = new(TestClock.Now.AddDays(3), SiteId: 2, "PMS-1042");

    public static readonly ReferralDetails Referral = new(ReferralDestination.GP, "Advised to see GP about night pain.");
}
