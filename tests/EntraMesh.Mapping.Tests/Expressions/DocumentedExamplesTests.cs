namespace EntraMesh.Mapping.Tests.Expressions;

/// <summary>
/// The examples of Microsoft's "Reference for writing expressions for attribute mappings in Microsoft Entra ID"
/// (and of the facts sheet), with their documented inputs and outputs.
/// </summary>
public sealed class DocumentedExamplesTests
{
    [Theory]
    [InlineData("Append([userPrincipalName], \".test\")", "John.Doe@contoso.com.test", "userPrincipalName", "John.Doe@contoso.com")]
    [InlineData("BitAnd(&HF, &HF7)", "7")]
    [InlineData("CBool([attribute1] = [attribute2])", "True", "attribute1", "a", "attribute2", "a")]
    [InlineData("CBool([attribute1] = [attribute2])", "False", "attribute1", "a", "attribute2", "b")]
    [InlineData("CDate([StatusHireDate])", "3/16/2020 7:00:00 AM", "StatusHireDate", "2020-03-16-07:00")]
    [InlineData("CDate(\"2021-06-30+08:00\")", "6/29/2021 4:00:00 PM")]
    [InlineData("CDate(\"2009-06-15T01:45:30-07:00\")", "6/15/2009 8:45:30 AM")]
    [InlineData("Coalesce([mail],[userPrincipalName])", "John.Doe@contoso.com", "mail", Evaluate.Null, "userPrincipalName", "John.Doe@contoso.com")]
    [InlineData("ConvertToBase64(\"Hello world!\")", "SABlAGwAbABvACAAdwBvAHIAbABkACEA")]
    [InlineData("ConvertToUTF8Hex(\"Hello world!\")", "48656C6C6F20776F726C6421")]
    [InlineData("CStr([dn])", "cn=Joe,dc=contoso,dc=com", "dn", "cn=Joe,dc=contoso,dc=com")]
    [InlineData("DateFromNum(129699324000000000)", "1/1/2012 11:00:00 PM")]
    [InlineData("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")", "2015-01-23", "extensionAttribute1", "20150123105347.1Z")]
    [InlineData("NumFromDate(Join(\"\", FormatDateTime([ContractEndDate], ,\"yyyy-MM-ddzzz\", \"yyyy-MM-dd\"), \" 23:59:59-08:00\"))", "132539615990000000", "ContractEndDate", "2020-12-31-08:00")]
    [InlineData("NumFromDate(Join(\"\",FormatDateTime([endDate], ,\"M/d/yyyy hh:mm:ss tt\",\"yyyy-MM-dd\"),\" 23:59:59-08:00\"))", "132539615990000000", "endDate", "12/31/2020 10:00:00 AM")]
    [InlineData("IIF([country]=\"USA\",[country],[department])", "USA", "country", "USA", "department", "Sales")]
    [InlineData("IIF([country]=\"USA\",[country],[department])", "Sales", "country", "UK", "department", "Sales")]
    [InlineData("IIF([country]=\"USA\",IIF([state]=\"CA\",\"True\",\"False\"),\"False\")", "True", "country", "USA", "state", "CA")]
    [InlineData("IIF([country]=\"USA\",IIF([state]=\"CA\",\"True\",\"False\"),\"False\")", "False", "country", "USA", "state", "WA")]
    [InlineData("IIF([country]=\"USA\",\"True\",IIF([state]=\"CA\",\"True\",\"False\"))", "True", "country", "UK", "state", "CA")]
    [InlineData("IIF([country]=\"USA\",\"True\",IIF([state]=\"CA\",\"True\",\"False\"))", "False", "country", "UK", "state", "WA")]
    [InlineData("InStr(\"The quick brown fox\",\"quick\")", "5")]
    [InlineData("InStr(\"repEated\",\"e\",3,vbBinaryCompare)", "7")]
    [InlineData("IsNull([displayName])", "True")]
    [InlineData("IsNull([displayName])", "False", "displayName", "")]
    [InlineData("IsNullOrEmpty([displayName])", "True", "displayName", "")]
    [InlineData("IsNullOrEmpty([displayName])", "True")]
    [InlineData("Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])", "m1", "directManager", "m1")]
    [InlineData("Item(Split([proxyAddresses], \",\"), 1)", "smtp:a@contoso.com", "proxyAddresses", "smtp:a@contoso.com,smtp:b@contoso.com")]
    [InlineData("Join(\", \", \"\", [surname], [givenName])", "Doe, John", "givenName", "John", "surname", "Doe")]
    [InlineData("Left(\"John Doe\", 3)", "Joh")]
    [InlineData("NormalizeDiacritics([givenName])", "Zoe", "givenName", "Zoë")]
    [InlineData("Now()", "7/2/2021 3:33:38 PM")]
    [InlineData("PCase([firstName])", "Pablo Gonsalves (Second)", "firstName", "PABLO GONSALVES (SECOND)")]
    [InlineData("PCase([lastName],\" '-\")", "Pinto-De'Silva", "lastName", "PINTO-DE'SILVA")]
    [InlineData("PCase(Join(\" \",[firstName],[lastName]))", "Gregory James", "firstName", "GREGORY", "lastName", "JAMES")]
    [InlineData("Redact([userPrincipalName])", "John.Doe@contoso.com", "userPrincipalName", "John.Doe@contoso.com")]
    [InlineData("Redact(\"StringToBeRedacted\")", "StringToBeRedacted")]
    [InlineData("Replace([BusinessTitle],\"Product Developer\", , , \"Software Engineer\", , )", "Software Engineer", "BusinessTitle", "Product Developer")]
    [InlineData("Replace([UserID],\"<username>\", , , , , \"<username>@contoso.com\")", "jsmith@contoso.com", "UserID", "jsmith")]
    [InlineData("Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", , \"${phoneNumber}\", , )", "9998887777", "telephoneNumber", "+91 9998887777")]
    [InlineData("Replace([AddressLineData], ,\"(?<streetNumber>^\\\\d*)\",\"streetNumber\", \"888\", , )", "888 Tremont Street", "AddressLineData", "545 Tremont Street")]
    [InlineData("Replace([userPrincipalName], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"\", , )", "jsmith", "userPrincipalName", "jsmith@contoso.com")]
    [InlineData("Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", \"phoneNumber\" , , [mobile], )", "8887779999", "telephoneNumber", "", "mobile", "+91 8887779999")]
    [InlineData("Replace([mailNickname], , \"[a-zA-Z_]*\", , \"\", , )", "72", "mailNickname", "john_doe72")]
    [InlineData("Replace([mail], \"@contoso.com\", , ,\"\", ,)", "john.doe", "mail", "john.doe@contoso.com")]
    [InlineData("Switch([state], \"Australia/Sydney\", \"NSW\", \"Australia/Sydney\",\"QLD\", \"Australia/Brisbane\", \"SA\", \"Australia/Adelaide\")", "Australia/Brisbane", "state", "QLD")]
    [InlineData("Switch([state], \"Australia/Sydney\", \"NSW\", \"Australia/Sydney\",\"QLD\", \"Australia/Brisbane\", \"SA\", \"Australia/Adelaide\")", "Australia/Sydney", "state", "WA")]
    [InlineData("Switch(ToLower([statusFlag]), \"0\", \"true\", \"1\", \"false\", \"0\")", "1", "statusFlag", "TRUE")]
    [InlineData("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "0", "statusFlag", "")]
    [InlineData("Switch([country],[country],\"\",\"Other\")", "Other", "country", Evaluate.Null)]
    [InlineData("Switch([country],[country],\"\",\"Other\")", "Chile", "country", "Chile")]
    [InlineData("IIF([companyName] = \"Company A\", \"A\", IIF([companyName] = \"Company B\", \"B\", \"External\"))", "B", "companyName", "Company B")]
    [InlineData("ToLower(Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\",  [PreferredFirstName], [PreferredLastName]))), \"contoso.com\"))", "john.smith@contoso.com", "PreferredFirstName", "John", "PreferredLastName", "Smith")]
    [InlineData("Word(\"The quick brown fox\",3,\" \")", "brown")]
    [InlineData("Word(\"This,string!has&many separators\",3,\",!&#\")", "has")]
    [InlineData("Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))", "JohDoe", "givenName", "John", "surname", "Doe")]
    [InlineData("Join(\"\", [title], \"(\", [urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode], \")\")", "Engineer(J42)", "title", "Engineer", "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode", "J42")]
    [InlineData("Switch([Municipality], \"OU=Default,OU=Users,DC=contoso,DC=com\", \"Dallas\", \"OU=Dallas,OU=Users,DC=contoso,DC=com\")", "OU=Dallas,OU=Users,DC=contoso,DC=com", "Municipality", "Dallas")]
    [InlineData("Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\", [givenName], [familyName]))), \"contoso.com\")", "Jessica.Smith@contoso.com", "givenName", "Jéssica", "familyName", "Smith")]
    [InlineData("\"Company name: \\\"Contoso\\\"\"", "Company name: \"Contoso\"")]
    public void Documented_example_gives_the_documented_output(string expression, string expected, params string[] attributes) =>
        Assert.Equal(expected, Evaluate.Text(expression, attributes));

    [Theory]
    [InlineData("d", "7", "3/23/2012 7:00:00 AM")]
    [InlineData("d", "-10", "3/6/2012 7:00:00 AM")]
    [InlineData("ww", "2", "3/30/2012 7:00:00 AM")]
    [InlineData("m", "10", "1/16/2013 7:00:00 AM")]
    [InlineData("yyyy", "2", "3/16/2014 7:00:00 AM")]
    public void DateAdd_adds_each_documented_interval_to_the_hire_date(string interval, string amount, string expected) =>
        Assert.Equal(expected, Evaluate.Text($"DateAdd(\"{interval}\", {amount}, CDate([StatusHireDate]))", "StatusHireDate", "2012-03-16-07:00"));

    [Theory]
    [InlineData("d", "2021-08-18+08:00", "2021-08-31+08:00", "13")]
    [InlineData("d", "8/25/2021 5:41:18 PM", "2012-03-16-07:00", "-3449")]
    [InlineData("ww", "8/25/2021 5:41:18 PM", "2012-03-16-07:00", "-493")]
    [InlineData("m", "8/25/2021 5:41:18 PM", "2012-03-16-07:00", "-113")]
    [InlineData("yyyy", "8/25/2021 5:41:18 PM", "2012-03-16-07:00", "-9")]
    [InlineData("d", "2021-08-31+08:00", "2021-08-31+08:00", "0")]
    [InlineData("h", "2021-08-24", "2021-08-25", "24")]
    [InlineData("n", "2021-08-24", "2021-08-25", "1440")]
    [InlineData("s", "2021-08-24", "2021-08-25", "86400")]
    public void DateDiff_gives_the_documented_difference_for_each_interval(string interval, string date1, string date2, string expected)
    {
        Assert.Equal(expected, Evaluate.Text($"DateDiff(\"{interval}\", [date1], [date2])", "date1", date1, "date2", date2));
        Assert.Equal(expected, Evaluate.Text($"DateDiff(\"{interval}\", CDate([date1]), CDate([date2]))", "date1", date1, "date2", date2));
    }

    [Theory]
    [InlineData("1", "2021-07-05-07:00", "True")]
    [InlineData("1", "2021-07-20-07:00", "False")]
    [InlineData("0", "2021-07-05-07:00", "False")]
    public void Account_is_enabled_only_when_active_and_hired_within_five_days(string active, string hireDate, string expected) =>
        Assert.Equal(expected, Evaluate.Text(
            "Switch([Active], , \"1\", IIF(DateDiff(\"d\", Now(), CDate([StatusHireDate])) > 5, \"False\", \"True\"), \"0\", \"False\")",
            "Active", active, "StatusHireDate", hireDate));

    /// <summary>
    /// Microsoft prints "19998887777" for this example, but its pattern [()\s-]+ does not match '+': by the definition of
    /// Replace (and by .NET's Regex.Replace, which Entra names) the plus sign stays. EntraMesh follows the definition.
    /// </summary>
    [Fact]
    public void Replace_removes_parentheses_dashes_and_spaces_from_a_phone_number() =>
        Assert.Equal("+19998887777", Evaluate.Text("Replace([mobile], , \"[()\\\\s-]+\", , \"\", , )", "mobile", "+1 (999) 888-7777"));

    [Fact]
    public void Split_turns_a_comma_list_into_a_multi_valued_value() =>
        Assert.Equal(["PermissionSetOne", "PermissionSetTwo"], Evaluate.Value("Split([extensionAttribute5], \",\")", "extensionAttribute5", "PermissionSetOne, PermissionSetTwo").ListValue);

    [Fact]
    public void RemoveDuplicates_keeps_the_first_of_each_value() =>
        Assert.Equal(["smtp:a", "smtp:b"], Evaluate.Value("RemoveDuplicates(Split([proxyAddresses], \",\"))", "proxyAddresses", "smtp:a,smtp:b,smtp:a").ListValue);

    [Fact]
    public void Guid_is_a_new_version_4_guid_drawn_from_the_injected_randomness()
    {
        var first = Evaluate.Text("Guid()");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
        Assert.Equal(first, Evaluate.Text("Guid()"));
        Assert.NotEqual(first, RuleExpressionFor("Guid()").Evaluate(Evaluate.Attributes(), Evaluate.Environment(seed: 8)).AsText());
    }

    [Fact]
    public void RandomString_without_special_characters_has_three_numbers_and_three_lower_case_letters()
    {
        var value = Evaluate.Text("RandomString(6,3,0,0,3)")!;
        Assert.Equal(6, value.Length);
        Assert.Equal(3, value.Count(char.IsAsciiDigit));
        Assert.Equal(3, value.Count(char.IsAsciiLetterLower));
    }

    [Fact]
    public void RandomString_with_restrictions_meets_every_minimum_and_avoids_the_characters()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var value = RuleExpressionFor("RandomString(10,2,2,2,1,\"?,\")").Evaluate(Evaluate.Attributes(), Evaluate.Environment(seed: seed)).AsText()!;
            Assert.Equal(10, value.Length);
            Assert.True(value.Count(char.IsAsciiDigit) >= 2, value);
            Assert.True(value.Count(c => !char.IsAsciiLetterOrDigit(c)) >= 2, value);
            Assert.True(value.Count(char.IsAsciiLetterUpper) >= 2, value);
            Assert.True(value.Count(char.IsAsciiLetterLower) >= 1, value);
            Assert.DoesNotContain('?', value);
            Assert.DoesNotContain(',', value);
        }
    }

    static Rules.Expressions.RuleExpression RuleExpressionFor(string text) => Rules.Expressions.RuleExpression.Parse(text);
}
