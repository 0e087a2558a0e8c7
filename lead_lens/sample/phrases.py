"""Phrase banks for emails, replies, notes and call results (Northwind Analytics sells a
warehouse-native revenue analytics product). Slots: {first}, {company}, {rep}, {industry},
{competitor}, {title}."""

from __future__ import annotations

SUBJECT_FIRST = (
    "{company} + Northwind", "Quick question about {company}'s pipeline reporting",
    "Revenue analytics at {company}", "Idea for {company}'s RevOps team",
    "{first}, saw you downloaded our benchmark report", "Following up on the webinar",
    "Your demo request", "Forecasting without the spreadsheets", "{company}'s board deck",
    "Warehouse-native attribution for {company}", "Re: your question on our pricing page",
    "How {industry} teams report on pipeline", "Cutting the month-end scramble at {company}",
)
SUBJECT_FOLLOW = (
    "Re: {company} + Northwind", "Following up", "Any thoughts, {first}?", "Worth a look?",
    "Closing the loop", "One more idea for {company}", "Case study: {industry}",
    "Last note from me", "Bumping this up", "Did this get buried?", "Re: quick question",
)
GREETING = ("Hi {first},", "Hello {first},", "{first},", "Hey {first},", "Good morning {first},",
            "Hi {first} —")
OPENER_FIRST = (
    "I noticed you registered for our session on pipeline attribution last week.",
    "Thanks for downloading the 2025 Revenue Analytics Benchmark.",
    "You requested a demo on our site, so I wanted to reach out personally.",
    "I saw {company} is hiring for RevOps, which usually means reporting is getting harder.",
    "We met briefly at the Snowflake Summit booth and you mentioned forecasting was a pain.",
    "I lead the {industry} team here at Northwind Analytics.",
    "Your team came up while I was researching {industry} companies on Snowflake.",
    "You checked out our pricing page a couple of times, so I figured I'd say hello.",
    "I work with a few RevOps leaders in {industry} and {company} looked like a fit.",
)
OPENER_FOLLOW = (
    "Wanted to bubble this up in case it got lost.",
    "Following up on my note from last week.",
    "I know inboxes are brutal this time of year, so I'll keep it short.",
    "Circling back in case the timing is better now.",
    "One more thought since my last email.",
    "I haven't heard back, so I'll assume this isn't a priority — unless it is.",
    "Sharing something relevant since we last spoke.",
    "Last try from me on this one.",
)
VALUE_PROP = (
    "Northwind sits on top of your warehouse and gives RevOps a single pipeline model, "
    "so marketing and sales stop arguing over whose numbers are right.",
    "Teams like yours use us to replace the Friday forecast spreadsheet with a live view "
    "built directly on Snowflake or BigQuery.",
    "We connect Salesforce, HubSpot and product usage in your own warehouse, so attribution "
    "is something you can query, not a black box.",
    "Most {title}s we talk to spend two days a month reconciling CRM exports; we get that to "
    "about twenty minutes.",
    "Our customers typically find 10-15% of their pipeline was double counted across sources.",
    "You keep the data in your warehouse; we just give you the models, the dashboards and "
    "the alerts on top.",
    "We help {industry} companies see which campaigns actually create revenue, not just leads.",
)
PROOF = (
    "Brightline Health cut their forecast variance from 18% to 4% in one quarter.",
    "Kestrel Freight rolled it out to 40 reps in three weeks.",
    "A fintech customer of ours found $2.1M of stalled pipeline in the first week.",
    "Orbis Retail replaced three BI dashboards and a contractor with us.",
    "We were named a leader in the G2 Grid for revenue analytics this spring.",
    "Happy to share the {industry} case study if useful.",
)
CTA = (
    "Would 20 minutes next Tuesday or Wednesday work?",
    "Open to a quick call this week?", "Worth a conversation?",
    "Can I send over a 3-minute walkthrough video?",
    "Who on your team owns pipeline reporting? Happy to reach out to them instead.",
    "If it's useful, grab a time here: https://meet.northwind-analytics.com/{rep_slug}",
    "Is this on your radar for this quarter or later in the year?",
    "Reply with a good time and I'll send an invite.",
)
SIGNOFF = ("Best,\n{rep}", "Thanks,\n{rep}", "Cheers,\n{rep}", "{rep}\nNorthwind Analytics",
           "All the best,\n{rep}\nAccount Executive, Northwind Analytics",
           "Regards,\n{rep}\nNorthwind Analytics | northwind-analytics.com")
FOOTER = (
    "--\nIf you'd prefer not to hear from me, click here to unsubscribe.",
    "--\nNot interested? Reply \"unsubscribe\" and I won't email again.",
    "--\nNorthwind Analytics, 500 Howard St, San Francisco CA. Unsubscribe | Manage preferences",
    "--\nTo stop receiving these emails, unsubscribe here.",
)

REPLY_GREETING = ("Hi {rep_first},", "Hey {rep_first},", "{rep_first},", "Hello,", "Hi there,")
REPLY_SIGNOFF = ("Thanks,\n{first}", "Best,\n{first}", "{first}", "Cheers,\n{first}",
                 "Sent from my iPhone", "Regards,\n{first} {last}\n{title}, {company}")
REPLY_INTEREST = (
    "Thanks for reaching out — this is actually timely. Can you send a few times next week?",
    "Yes, we're looking at exactly this. Our forecast lives in three spreadsheets right now.",
    "Interested. Can you include our data lead in the invite? We're on Snowflake.",
    "Good timing. We're re-evaluating our attribution setup this quarter. Thursday works.",
    "Happy to take a look. Does it work with HubSpot and Salesforce at the same time?",
    "Sure, let's talk. I'd like to understand how you handle multi-touch attribution.",
    "We've been meaning to fix our pipeline reporting. Let's find 30 minutes.",
)
REPLY_QUESTION = (
    "Quick question before we meet: do you need write access to our warehouse?",
    "How is this different from building it ourselves in dbt?",
    "Do you have SOC 2 Type II? Security will ask before anything else.",
    "What does implementation usually look like, and who from our side is needed?",
    "Can it handle custom objects? Our opportunity model is fairly non-standard.",
)
REPLY_PRICE = (
    "Looked at the pricing page. Honestly it's more than we budgeted for this year.",
    "What does this cost for about 60 sellers? The range on the site is wide.",
    "We like it, but the price is hard to justify until we hit our ARR target.",
    "Finance will push back on another annual contract. Is there a monthly option?",
    "Your quote came in well above {competitor}. Is there any flexibility?",
)
REPLY_TIMING = (
    "Not a priority right now — we're in the middle of a CRM migration.",
    "Bad timing, we just went through a reorg and budgets are frozen.",
    "We're heads down on a product launch, can't take on new tools this quarter.",
    "We're in a hiring freeze and nothing new gets approved at the moment.",
)
REPLY_COMPETITOR = (
    "We signed with {competitor} last month, so we're set for now.",
    "We already use {competitor} for this. Not looking to switch.",
    "We're evaluating {competitor} too. What would you say is the main difference?",
    "Our data team is building this in-house on Looker, so probably not a fit.",
)
REPLY_LATER_FUTURE = (
    "Not right now, but please reach out after Q3 when we plan next year's budget.",
    "Can you circle back in September? We'll have the new head of RevOps by then.",
    "Timing isn't great. Ping me in 3 months and we can revisit.",
    "Let's reconnect next quarter, we're locked until the planning cycle.",
    "Reach out in October — that's when we look at new vendors.",
    "Please try me again next year, the budget for this year is spent.",
    "Could you follow up in August? I'm out most of July.",
    "We'd be interested in Q4. Can you get back in touch then?",
    "Check back with me in 4 months, after our Snowflake migration is done.",
)
REPLY_LATER_PAST = (
    "Interesting, but can you circle back in March? We're closing the year out.",
    "Reach out in April once our new fiscal year starts.",
    "Ping me in 2 months, things should calm down by then.",
    "Let's revisit next quarter.",
    "Please follow up after Q1, we're in planning mode until then.",
    "Try me again in May, I'll know more about budget.",
)
REPLY_STOP = (
    "Please take me off your list.",
    "Unsubscribe.",
    "Please remove me from your mailing list.",
    "Stop emailing me. This is the fourth message.",
    "Not interested. Please do not contact me again.",
    "Kindly remove my address from whatever list this is.",
    "I've asked before — please stop sending these.",
    "Take me off your distribution list, thanks.",
    "We're not a fit. Please don't reach out again.",
    "Remove me. I never signed up for this.",
    "Please opt me out of all future emails.",
    "No thanks, and please stop contacting me.",
)
REPLY_MEETING = (
    "The 2pm slot works. Sent you the invite with our data engineer on it.",
    "Booked a time via your link. Looking forward to it.",
    "Let's do it. I've accepted the invite for next week.",
)
REPLY_CONTEXT = (
    "For context, we have about 40 reps across the US and EMEA.",
    "We're on Snowflake and dbt, with Salesforce as the CRM.",
    "Our CFO has been asking for better pipeline coverage numbers.",
    "I'm copying my colleague who runs marketing ops.",
    "FYI I'm moving to a new role in a few weeks, so keep that in mind.",
)

NOTE_OPENER = (
    "Spoke with {first} —", "Call with {first} ({title}):", "Quick sync with {first}:",
    "Connected with {first} after the webinar —", "{first} picked up on the second dial —",
    "Met {first} at the Snowflake Summit booth —", "Discovery call w/ {first} and their data lead:",
    "LinkedIn convo with {first}:", "Inbound demo request, talked to {first} —",
)
NOTE_SITUATION = (
    "evaluating Snowflake-native tools for pipeline reporting,",
    "currently forecasting out of Google Sheets and a Tableau workbook nobody trusts,",
    "their board wants marketing-sourced pipeline by channel,",
    "moving from Marketo to HubSpot this year,",
    "{company} has a homegrown dbt model that the one analyst who built it just left,",
    "RevOps team of 3 supporting 60 reps,",
    "already talking to {competitor},",
    "new CRO started in March and wants a single source of truth,",
    "they churned off {competitor} last year over data freshness,",
)
NOTE_CONSTRAINT = (
    "budget frozen until Q3,", "security review takes 6-8 weeks,",
    "needs sign-off from the CFO,", "contract with {competitor} renews in November,",
    "no headcount to implement before the summer,", "price is the main concern,",
    "procurement wants three quotes,",
)
NOTE_ASK = (
    "wants a case study in {industry}.", "asked for a sandbox trial.",
    "wants to see the HubSpot integration live.", "asked for pricing for 50 seats.",
    "wants a reference call with a similar-size customer.",
    "asked us to send the security questionnaire.", "wants to loop in their data engineer.",
)
NOTE_NEXT = (
    "send case study + follow up Tuesday", "book technical deep dive",
    "intro to SE for sandbox setup", "send pricing proposal", "check in after their QBR",
    "nothing scheduled; will nurture",
)
DISPOSITION_CONNECTED = (
    "Connected - interested, wants demo", "Connected - wants pricing by email",
    "Connected - left voicemail with assistant", "Connected - referred to RevOps lead",
    "Connected - using competitor", "Connected - asked for email with details",
    "Meeting booked", "Connected - budget concerns",
)
DISPOSITION_NOT_CONNECTED = (
    "Left voicemail", "No answer", "Gatekeeper", "Wrong number", "Busy",
    "Left voicemail - 2nd attempt", "No answer - voicemail full",
)
COMPETITORS = ("Clari", "Gong Forecast", "Looker", "Tableau CRM", "InsightSquared",
               "BoostUp", "Dreamdata", "HockeyStack")
INDUSTRIES = ("fintech", "healthcare", "logistics", "retail", "SaaS", "manufacturing",
              "insurance", "media", "cybersecurity", "edtech")
