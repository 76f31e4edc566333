using System.Collections.Concurrent;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.LiveUpdates;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.LiveUpdates;

public enum LiveUpdatesMode
{
    InProcess = 0,
    DatabasePolling = 1,
}
