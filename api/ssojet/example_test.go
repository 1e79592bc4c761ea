package ssojet_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"maps"
	"slices"
	"time"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
)

// The examples run against the reference server TestMain starts: baseURL is its API, token a
// token of the demo client clientID, userID the demo user with the contract's 24 login logs.

func ExampleNew() {
	c, err := ssojet.New(baseURL, token, ssojet.WithTimeout(10*time.Second), ssojet.WithUserAgent("audit-report/1.2"))
	if err != nil {
		log.Fatal(err)
	}
	logs, err := c.LoginLogs(context.Background(), clientID, userID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(logs), "login logs")
	// Output: 24 login logs
}

func ExampleClient_LoginLogs() {
	c, err := ssojet.New(baseURL, token)
	if err != nil {
		log.Fatal(err)
	}
	logs, err := c.LoginLogs(context.Background(), clientID, userID)
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range logs[:3] {
		fmt.Println(l.CreatedAt.Format(time.DateTime), l.IpAddress, l.City)
	}
	// Output:
	// 2024-07-10 12:16:19 183.83.177.227 Jaipur
	// 2024-07-10 13:18:37 183.83.177.227 Jaipur
	// 2024-07-11 04:37:58 183.83.177.227 Jaipur
}

func ExampleClient_All() {
	c, err := ssojet.New(baseURL, token)
	if err != nil {
		log.Fatal(err)
	}
	// Entry by entry as the answer arrives: memory stays bounded whatever the number of logs.
	byPlace := map[string]int{}
	for l, err := range c.All(context.Background(), clientID, userID) {
		if err != nil {
			log.Fatal(err)
		}
		byPlace[l.City+", "+l.Country]++
	}
	for _, place := range slices.Sorted(maps.Keys(byPlace)) {
		fmt.Println(place, byPlace[place])
	}
	// Output:
	// Jaipur, India 23
	// UnknownCity, India 1
}

func ExampleAPIError() {
	c, err := ssojet.New(baseURL, token)
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.LoginLogs(context.Background(), clientID, "000000000000000000000000")
	var apiErr *ssojet.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.ErrorName, apiErr.ErrorCode, apiErr.ErrorDescription)
	}
	fmt.Println(ssojet.IsNotFound(err))
	fmt.Println(err)
	// Output:
	// 404 resource_not_found 801 User not found.
	// true
	// ssojet: 404 Not Found: resource_not_found (801): User not found.
}

func ExampleClient_LoginLogsIfChanged() {
	c, err := ssojet.New(baseURL, token)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	snap, err := c.LoginLogsIfChanged(ctx, clientID, userID, "") // no tag yet: a full fetch
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(snap.Changed, len(snap.Logs))

	// Later: the tag of what we hold makes an unchanged user cost a 304 without a body.
	again, err := c.LoginLogsIfChanged(ctx, clientID, userID, snap.ETag)
	if err != nil {
		log.Fatal(err)
	}
	if !again.Changed {
		fmt.Println("unchanged, still", len(snap.Logs), "logs; same tag:", again.ETag == snap.ETag)
	}
	// Output:
	// true 24
	// unchanged, still 24 logs; same tag: true
}
