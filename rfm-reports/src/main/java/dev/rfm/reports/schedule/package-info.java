/**
 * Report schedules: what to send to whom and when ({@link dev.rfm.reports.schedule.ScheduleSettings}, stored by
 * {@link dev.rfm.reports.schedule.ReportSchedules}), when a timed schedule is due ({@link
 * dev.rfm.reports.schedule.DueTimes}), and the boundaries that start deliveries: the EJB timers ({@link
 * dev.rfm.reports.schedule.ReportTimers}) and the observer of finished scoring runs ({@link
 * dev.rfm.reports.schedule.AfterRunReports}).
 */
package dev.rfm.reports.schedule;
