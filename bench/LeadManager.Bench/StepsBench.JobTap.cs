using System.Threading.Channels;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using LeadManager.Web.Features.FollowUp;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.Bench;

internal static partial class StepsBench
{
    /// <summary>
    /// The app's own job client, with a tap: every job still goes to Hangfire's storage as in
    /// production (so the enqueue cost is paid), and while <see cref="Steps"/> is set, each
    /// chunk of steps the sweep queues is also handed to the benchmark's workers at once. That
    /// runs the jobs as Hangfire's workers would, without the time a job waits in Hangfire's
    /// queue (no Hangfire server runs: FollowUp:ProcessJobs is false).
    /// </summary>
    private sealed class StepJobTap(IBackgroundJobClient inner) : IBackgroundJobClient
    {
        private int _sendJobs;

        public ChannelWriter<long[]>? Steps { get; set; }

        public int SendJobs => Volatile.Read(ref _sendJobs);

        /// <summary>Puts the tap in front of the job client Hangfire registered.</summary>
        public static void Install(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IBackgroundJobClient));
            services.Remove(original);
            services.AddSingleton<IBackgroundJobClient>(sp => new StepJobTap((IBackgroundJobClient)original.ImplementationFactory!(sp)));
        }

        public string Create(Job job, IState state)
        {
            var id = inner.Create(job, state);
            if (job.Type == typeof(FollowUpStepJob) && job.Method.Name == nameof(FollowUpStepJob.RunManyAsync))
            {
                Steps?.TryWrite((long[])job.Args[0]);
            }
            else if (job.Type == typeof(SendEmailJob))
            {
                Interlocked.Increment(ref _sendJobs);
            }

            return id;
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
